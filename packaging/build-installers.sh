#!/usr/bin/env bash
# Builds the installable product from app/target/secondlook.jar:
#   packaging/target/runtime            a jlink Java runtime (no JDK needed on the clinic machine)
#   packaging/target/app-image/SecondLook   a jpackage app-image (bin/SecondLook)
#   packaging/target/installers/*.deb   a Debian package declaring its GTK/X11 dependencies
# Usage: packaging/build-installers.sh [--no-deb]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
jar="${SECONDLOOK_JAR:-$root/app/target/secondlook.jar}"
out="$root/packaging/target"
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)
make_deb=true
[ "${1:-}" = "--no-deb" ] && make_deb=false

if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
fi
for tool in jlink jpackage; do
  [ -x "$JAVA_HOME/bin/$tool" ] || { echo "build-installers: $JAVA_HOME/bin/$tool not found (set JAVA_HOME to a JDK 17+)" >&2; exit 1; }
done
[ -f "$jar" ] || { echo "build-installers: $jar is missing; run: mvn -q -DskipTests package" >&2; exit 1; }
[ -d "$JAVA_HOME/jmods" ] || { echo "build-installers: $JAVA_HOME/jmods is missing (Debian: apt-get install openjdk-17-jdk-headless includes them)" >&2; exit 1; }

rm -rf "$out/runtime" "$out/app-image" "$out/installers" "$out/input"
mkdir -p "$out/input" "$out/installers"
cp "$jar" "$out/input/"

# JavaFX, DJL and ONNX Runtime come from the jar's classpath; the runtime holds only JDK modules.
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.prefs,java.scripting,java.sql,java.xml,java.datatransfer,jdk.unsupported,jdk.zipfs,jdk.crypto.ec,jdk.localedata,jdk.charsets
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --include-locales=en,de,fr,es,it,ja,zh,ko \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$out/runtime"

java_options=(--java-options "-Dai.djl.offline=true" --java-options "-DOPT_OUT_TRACKING=true"
              --java-options "-Xmx4g" --java-options "-Dprism.forceGPU=false")
"$JAVA_HOME/bin/jpackage" --type app-image --name SecondLook --app-version "$version" \
  --vendor "SecondLook" --description "Offline clinician workstation with explainable AI" \
  --input "$out/input" --main-jar secondlook.jar --main-class io.secondlook.app.Main \
  --runtime-image "$out/runtime" "${java_options[@]}" --dest "$out/app-image"

if $make_deb; then
  command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null \
    || { echo "build-installers: dpkg-deb and fakeroot are needed for the .deb (apt-get install fakeroot)" >&2; exit 1; }
  "$JAVA_HOME/bin/jpackage" --type deb --name secondlook --app-version "$version" \
    --vendor "SecondLook" --description "Offline clinician workstation with explainable AI" \
    --app-image "$out/app-image/SecondLook" --dest "$out/installers" \
    --linux-package-name secondlook --linux-app-category science --linux-menu-group "Science;MedicalSoftware" \
    --linux-shortcut --linux-package-deps "libgtk-3-0, libgl1, libxtst6, libxxf86vm1" \
    --license-file "$root/LICENSE"
fi
echo "build-installers: app-image at $out/app-image/SecondLook"
$make_deb && echo "build-installers: installers in $out/installers: $(ls "$out/installers")"
exit 0
