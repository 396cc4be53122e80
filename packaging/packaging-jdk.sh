# Sourced by the jpackage scripts: the JDK whose jlink/jpackage link and package the runtime, in $jdk (may be empty:
# the PATH's), $jpackage_bin and $feature (its major version). PILOTHOUSE_PACKAGING_JDK, else a Temurin 25 where
# Debian/Ubuntu install it, else the build's JDK (JAVA_HOME, 17). The classes stay Java 17 bytecode either way
# (maven.compiler.release); only the packaged runtime changes.
jdk=${PILOTHOUSE_PACKAGING_JDK:-}
if [ -z "$jdk" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/jpackage ]; then jdk=/usr/lib/jvm/temurin-25-jdk-amd64; fi
jdk=${jdk:-${JAVA_HOME:-}}
jpackage_bin=${jdk:+$jdk/bin/}jpackage
command -v "$jpackage_bin" >/dev/null || jpackage_bin=jpackage
feature=$("${jdk:+$jdk/bin/}java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
feature=${feature%%.*}
