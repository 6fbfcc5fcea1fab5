#!/bin/bash
# Plans models on every shipped chip platform with two builds and compares the plan JSON bytes.
# Usage: Scripts/shipped_plans_identical.sh BEFORE_BIN AFTER_BIN OUT [MODEL...] (default: squeezenet resnet50)
BEFORE=$(realpath $1); AFTER=$(realpath $2); OUT=$(realpath -m $3); shift 3; mkdir -p $OUT; cd "$(dirname "$0")/.."
MODELS=${@:-squeezenet resnet50}
same=0; differ=0
for m in $MODELS; do
  for p in Platforms/*.json; do
    case $p in *schema.json) continue;; esac
    pn=$(basename $p .json)
    $BEFORE plan Models/light_$m.onnx --platform $p --format json -o $OUT/$m-$pn-before.json > /dev/null 2>&1; rb=$?
    $AFTER plan Models/light_$m.onnx --platform $p --format json --no-progress -o $OUT/$m-$pn-after.json > /dev/null 2>&1; ra=$?
    if [ $rb -eq $ra ] && cmp -s $OUT/$m-$pn-before.json $OUT/$m-$pn-after.json; then
      echo "$m $pn: identical (exit $ra)"; same=$((same+1))
    else
      echo "$m $pn: DIFFERENT (exit before $rb, after $ra)"; differ=$((differ+1))
    fi
  done
done
echo "identical $same, different $differ"
