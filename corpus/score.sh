#!/bin/sh
# Scores Perfectwork Mail on a corpus of real mail: starts the packaged server on a free port with an empty data
# directory of its own and a fresh administrator password, runs the corpus' score.py against it, and stops it.
#
#   corpus/score.sh CORPUS_DIR [score.py options...]        e.g. corpus/score.sh ../corpora/bounces --misses 20
#
# CORPUS_DIR holds the mails and their manifest.tsv; its name (bounces or replies) is the kind of corpus, unless
# CORPUS_KIND says otherwise. score.py is looked for beside it (CORPUS_DIR/../score.py), unless SCORE_PY names it.
# The jar is target/perfectwork-mail-*.jar, built first (mvn package, tests skipped) when there is none.
set -eu

if [ $# -lt 1 ] || [ ! -d "$1" ]; then
    echo "usage: $0 CORPUS_DIR [score.py options...]" >&2
    exit 2
fi
corpus=$(cd "$1" && pwd)
shift
kind=${CORPUS_KIND:-$(basename "$corpus")}
score=${SCORE_PY:-$(dirname "$corpus")/score.py}
[ -f "$corpus/manifest.tsv" ] || { echo "no manifest.tsv in $corpus" >&2; exit 2; }
[ -f "$score" ] || { echo "no score.py at $score (set SCORE_PY)" >&2; exit 2; }

cd "$(dirname "$0")/.."
jar=$(ls target/perfectwork-mail-*.jar 2>/dev/null | grep -v '\.original$' | head -n 1 || true)
if [ -z "$jar" ]; then
    mvn -B -q -DskipTests package
    jar=$(ls target/perfectwork-mail-*.jar | grep -v '\.original$' | head -n 1)
fi

data=$(mktemp -d)
password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PERFECTWORK_ADMIN_PASSWORD=$password PERFECTWORK_DATA_DIR=$data SERVER_PORT=$port SERVER_ADDRESS=127.0.0.1 \
    java -jar "$jar" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT INT TERM

echo "scoring $kind ($corpus) on a server at port $port, log in $data/server.log" >&2
tries=0
until curl -sf -o /dev/null -u "admin:$password" "http://127.0.0.1:$port/api/config-parameters"; do
    tries=$((tries + 1))
    if ! kill -0 $server 2>/dev/null || [ $tries -gt 300 ]; then
        echo "the server did not start:" >&2
        tail -n 30 "$data/server.log" >&2
        exit 1
    fi
    sleep 1
done
python3 "$score" "$kind" "http://127.0.0.1:$port" "$password" --corpus "$corpus" "$@"
