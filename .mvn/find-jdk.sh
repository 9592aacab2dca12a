#!/usr/bin/env bash
# Prints the home of the newest installed JDK whose feature release is at least $1 (default 22), or nothing.
# The build compiles the java.lang.foreign layer (src/main/java22) with it and runs the TCK on it.
# Looked at, in order of preference on a tie: $IOWAIT_JDK, $JAVA_HOME, JAVA<n>_HOME variables, then the usual
# install folders of Linux packages, Temurin, SDKMAN!, IntelliJ and macOS.
min=${1:-22}
best= best_feature=0
consider() {
  local home=$1
  [ -x "$home/bin/javac" ] && [ -x "$home/bin/java" ] && [ -r "$home/release" ] || return 0
  local version
  version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
  local feature=${version%%[.+-]*}
  [ "$feature" = 1 ] && return 0 # 1.8 and older
  [[ "$feature" =~ ^[0-9]+$ ]] || return 0
  if [ "$feature" -ge "$min" ] && [ "$feature" -gt "$best_feature" ]; then
    best=$(cd "$home" && pwd -P) best_feature=$feature
  fi
}
for var in IOWAIT_JDK JAVA_HOME $(compgen -v | grep -E '^JAVA[0-9]+_HOME$' || true); do
  [ -n "${!var:-}" ] && consider "${!var}"
done
for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
            /Library/Java/JavaVirtualMachines/*/Contents/Home; do
  [ -d "$home" ] && consider "$home"
done
printf '%s' "$best"
