#!/usr/bin/env bash
# Builds the fuzz corpora under fuzz/corpus/<target>/ (git-ignored) from the committed small
# seeds (fuzz/seeds/), the repository's fixtures/, and, when present, the shared pages in
# /work/shared (corpus-id pages and the article-extraction benchmark). Safe to re-run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${WARTA_SHARED:-/work/shared}"
corpus="$root/fuzz/corpus"
targets=(extract_html clean_text dates figures quotes charset warc)
for t in "${targets[@]}"; do
    mkdir -p "$corpus/$t"
    if [ -d "$root/fuzz/seeds/$t" ]; then cp "$root/fuzz/seeds/$t"/* "$corpus/$t/" 2>/dev/null || true; fi
done

# Whole pages: the HTML pipeline and (their first 4 KiB) the charset sniffer.
n=0
for f in "$root"/fixtures/pages/*/source.html "$shared"/corpus-id/pages/*.html; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    cp "$f" "$corpus/extract_html/page-$n.html"
    head -c 4096 "$f" > "$corpus/charset/head-$n"
done
# A few benchmark pages stay gzipped (the pipeline unpacks gzip itself).
if [ -d "$shared/bench/article-extraction-benchmark/html" ]; then
    for f in $(ls "$shared"/bench/article-extraction-benchmark/html/*.html.gz | head -20); do
        n=$((n + 1))
        cp "$f" "$corpus/extract_html/bench-$n.html.gz"
    done
fi
# Legacy-charset and UTF-16 variants of one page, for the sniffer.
first="$(ls "$root"/fixtures/pages/*/source.html | head -1)"
if command -v iconv >/dev/null; then
    head -c 4096 "$first" | iconv -f UTF-8 -t WINDOWS-1252//TRANSLIT > "$corpus/charset/cp1252" 2>/dev/null || true
    head -c 4096 "$first" | iconv -f UTF-8 -t UTF-16 > "$corpus/charset/utf16" 2>/dev/null || true
    { printf 'ct:text/html; charset=iso-8859-1\n'; head -c 2048 "$corpus/charset/cp1252"; } > "$corpus/charset/ct-latin1"
fi

# Sentences: the table tests' first columns, the gold body texts and the seed article, a few
# lines per file (the line-oriented targets read one paragraph per line).
sentences() {
    for f in "$root"/fixtures/dates/phrases.tsv "$root"/fixtures/figures/phrases.tsv "$root"/fixtures/quotes/cases.tsv; do
        grep -v '^#' "$f" | cut -f1-2 | tr '\t' '\n'
    done
    cat "$root"/fixtures/id-gold/*.txt "$root"/seeds/*.txt 2>/dev/null
}
for t in dates figures quotes; do
    sentences | grep -v '^[[:space:]]*$' | split -l 4 -a 4 - "$corpus/$t/lines-"
done
for f in "$root"/fixtures/id-gold/*.txt "$root"/seeds/*.txt; do
    cp "$f" "$corpus/clean_text/$(basename "$f")"
done

# WARC: one record of each kind, plain and gzip, built from a fixture page.
warc_record() { # type uri content-type block-file
    local len; len=$(wc -c < "$4")
    printf 'WARC/1.1\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nContent-Type: %s\r\nContent-Length: %s\r\n\r\n' "$1" "$2" "$3" "$len"
    cat "$4"; printf '\r\n\r\n'
}
tmp="$(mktemp -d)"
{ printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n'; head -c 3000 "$first"; } > "$tmp/resp"
printf 'GET / HTTP/1.1\r\nHost: a.test\r\n\r\n' > "$tmp/req"
printf 'HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG....' > "$tmp/png"
{
    warc_record request http://a.test/ 'application/http; msgtype=request' "$tmp/req"
    warc_record response http://a.test/ 'application/http; msgtype=response' "$tmp/resp"
    warc_record response http://a.test/i.png 'application/http; msgtype=response' "$tmp/png"
} > "$corpus/warc/three.warc"
gzip -c "$corpus/warc/three.warc" > "$corpus/warc/three.warc.gz"
head -c 500 "$corpus/warc/three.warc" > "$corpus/warc/truncated.warc"
rm -rf "$tmp"
for t in "${targets[@]}"; do echo "$t: $(ls "$corpus/$t" | wc -l) inputs"; done
