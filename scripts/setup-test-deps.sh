#!/usr/bin/env bash
# Installs what the tests need besides Rust (Chromium, Node.js, npm and a word list too, see
# below): Graphviz's `dot` (the tests render graph.dot to
# SVG and check that Graphviz prints no warning) and Python's networkx >= 3.4 (the tests load
# graph.json with `node_link_graph(data, edges="links")`). Does nothing for what is there.
# Non-interactive: safe with CI=true and no standard input.
set -euo pipefail

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else
        echo "setup-test-deps: need root (or sudo) to run: $*" >&2
        return 1
    fi
}

if ! command -v dot >/dev/null 2>&1; then
    echo "setup-test-deps: installing Graphviz (Debian package graphviz)" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz </dev/null
fi

networkx_ok() {
    python3 - <<'PY' 2>/dev/null
import sys, networkx
major, minor = (int(x) for x in networkx.__version__.split(".")[:2])
sys.exit(0 if (major, minor) >= (3, 4) else 1)
PY
}

# websocket-client: the HTML test clicks a node through Chromium's DevTools protocol.
if ! python3 -c 'import websocket' 2>/dev/null; then
    echo "setup-test-deps: installing Python's websocket-client" >&2
    python3 -m pip install --quiet websocket-client </dev/null \
        || python3 -m pip install --quiet --break-system-packages websocket-client </dev/null
fi

if ! networkx_ok; then
    echo "setup-test-deps: installing Python's networkx" >&2
    python3 -m pip install --quiet --upgrade "networkx>=3.4" </dev/null \
        || python3 -m pip install --quiet --upgrade --break-system-packages "networkx>=3.4" </dev/null
fi

# The export format checks (tests/network_cli.rs): Chromium for the HTML page, Node.js and npm
# for the cytoscape package (npm installs it into target/test-npm on first use); and the word
# list for the gazetteer checker.
missing=()
# Debian's English word list, for `nergraph gazetteer check` (names that are English words).
[ -f /usr/share/dict/words ] || missing+=(wamerican)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup-test-deps: installing ${missing[*]} (Debian packages)" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" </dev/null >/dev/null
fi

dot -V
chromium --version
node --version
python3 -c 'import networkx; print("networkx", networkx.__version__)'
