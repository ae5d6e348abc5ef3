package io.secondlook.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.security.Permission;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fails any outbound connection attempt made by Java code while installed: every socket connect, datagram send
 * and DNS lookup passes through the security manager's checkConnect, and every URL connection through the
 * proxy selector. Attempts are recorded so a test can assert that there were none, even if a library swallowed
 * the exception.
 */
@SuppressWarnings("removal")
final class NetworkGuard implements AutoCloseable {
    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private final SecurityManager previousManager;
    private final ProxySelector previousSelector;

    private NetworkGuard() {
        previousManager = System.getSecurityManager();
        previousSelector = ProxySelector.getDefault();
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                attempts.add("URL " + uri);
                throw new SecurityException("Network access attempted: " + uri);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                attempts.add("URL " + uri);
            }
        });
        System.setSecurityManager(new SecurityManager() {
            @Override
            public void checkPermission(Permission perm) {
                // Everything but network access is allowed.
            }

            @Override
            public void checkPermission(Permission perm, Object context) {
                // Everything but network access is allowed.
            }

            @Override
            public void checkConnect(String host, int port) {
                refuse(host, port);
            }

            @Override
            public void checkConnect(String host, int port, Object context) {
                refuse(host, port);
            }

            @Override
            public void checkMulticast(InetAddress maddr) {
                refuse(maddr.getHostAddress(), -1);
            }
        });
    }

    static NetworkGuard install() {
        return new NetworkGuard();
    }

    private void refuse(String host, int port) {
        attempts.add(host + ":" + port);
        throw new SecurityException("Network access attempted: " + host + ":" + port);
    }

    List<String> attempts() {
        return List.copyOf(attempts);
    }

    @Override
    public void close() {
        System.setSecurityManager(previousManager);
        ProxySelector.setDefault(previousSelector);
    }
}
