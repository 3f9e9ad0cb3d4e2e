#!/bin/bash
# Every output a refactoring must leave byte-identical, written into OUTDIR: every format of the
# recorded account (plain, --public, keyed public names, --redact-region), a vertical table, audit,
# paths, snapshots (createdAt masked), a story rewriting a card and one with a wrong key, the
# --public JSON of the CloudFormation corpus (../shared/corpus) and the public models of random
# inventories. Run it before and after, then `diff -r BEFORE AFTER`.
#
#   bench/outputs.sh /tmp/before   # on the old commit
#   bench/outputs.sh /tmp/after    # on the new one
#   diff -r /tmp/before /tmp/after && echo identical
set -u
out="${1:?usage: bench/outputs.sh OUTDIR}"
cd "$(dirname "$0")/.." && node scripts/build.mjs >/dev/null || exit 1
rm -rf "$out" && mkdir -p "$out"
export TOPOLOGY_REDACTION_KEY="${TOPOLOGY_REDACTION_KEY:-0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff}"
run() { local file="$1"; shift; node bin/topology.mjs "$@" --quiet > "$out/$file" 2>&1; echo "rc=$?" >> "$out/$file"; }
for f in table json sarif html markdown mermaid dot svg drawio; do
  run "$f.plain" --recorded-account -f $f
  run "$f.public" --recorded-account -f $f --public
  run "$f.keyed" --recorded-account -f $f --public --public-names keyed
  run "$f.region" --recorded-account -f $f --public --redact-region
done
run table.vertical --recorded-account --layout vertical --width 60
run audit.plain audit --recorded-account
run audit.public audit --recorded-account --public -f json
run paths.plain paths --recorded-account
run paths.public paths --recorded-account --public
for mode in plain public; do
  flag=$([ $mode = public ] && echo --public)
  node bin/topology.mjs snapshot --recorded-account --quiet $flag --out "$out/snapshot.$mode.json" > /dev/null 2>&1
  sed -i 's/"createdAt": *"[^"]*"/"createdAt":"X"/' "$out/snapshot.$mode.json"
done
# One path for the stories whatever OUTDIR is: the wrong key's error names the file.
stories="${TMPDIR:-/tmp}/topology-outputs-stories" && mkdir -p "$stories"
printf 'components:\n  - for: tables\n    title: Orders store\n    description: The `orders` table.\n' > "$stories/ok.yaml"
printf 'components:\n  - for: nope\n    title: X\n    description: Y\n' > "$stories/bad.yaml"
run story-ok.html --recorded-account -f html --story "$stories/ok.yaml"
run story-ok.public.md --recorded-account -f markdown --public --story "$stories/ok.yaml"
run story-bad.txt --recorded-account -f markdown --story "$stories/bad.yaml"
corpus=../shared/corpus/cloudformation-templates
if [ -d "$corpus" ]; then
  find "$corpus" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' -o -name '*.template' \) | sort | while read -r t; do
    run "corpus.$(echo "${t#"$corpus"/}" | tr / _).public.json" --from "$t" --public -f json
  done
else
  echo "no $corpus: the corpus is left out" >&2
fi
node --import tsx bench/public-models.ts "$out/random.public.jsonl"
ls "$out" | wc -l
