# Sourced by the scripts: where cargo builds. The target directory lives
# outside the clone so that fresh clones (CI) reuse earlier builds.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/earts-target}"
