package io.secondlook.app.cli;

import io.secondlook.app.workflow.AppHome;
import io.secondlook.app.workflow.AppVersion;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code secondlook} command line. Without a subcommand it opens the workstation window. */
@Command(name = "secondlook",
        mixinStandardHelpOptions = true,
        versionProvider = SecondLookCommand.Version.class,
        description = "SecondLook clinician workstation. Without a command, opens the window.",
        subcommands = {
            DemoCommand.class,
            EvalCommand.class,
            DumpCommand.class,
            ModelsCommand.class, InferCommand.class, SaliencyCheckCommand.class,
            PixelsCommand.class,
            ImportCommand.class, WorklistCommand.class, PatientCommand.class, AuditCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class SecondLookCommand implements Callable<Integer> {

    @Option(names = "--home", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "User data folder (database, demo study, models, logs). Default: $SECONDLOOK_HOME or the per-user application folder.")
    Path home;

    private final Consumer<AppHome> guiLauncher;

    public SecondLookCommand(Consumer<AppHome> guiLauncher) {
        this.guiLauncher = guiLauncher;
    }

    /** The data folder chosen by --home, the environment or the platform. */
    public AppHome appHome() {
        AppHome resolved = AppHome.resolve(home);
        // Logback reads this when the first logger is created, which happens after the options are parsed.
        System.setProperty("secondlook.logs", resolved.logs().toString());
        return resolved;
    }

    @Override
    public Integer call() {
        guiLauncher.accept(appHome());
        return 0;
    }

    /** Runs the command line and returns the exit code: 0 success, 1 failure (one line on stderr), 2 bad usage. */
    public static int execute(String[] args, Consumer<AppHome> guiLauncher) {
        CommandLine cli = new CommandLine(new SecondLookCommand(guiLauncher));
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("secondlook: " + CliErrors.oneLine(ex));
            return 1;
        });
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"SecondLook " + AppVersion.get(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
