#!/usr/bin/env bash
# Regenerates models/jieba/ (dict.bin, hmm.bin, LICENSE-jieba.txt) from python jieba 0.42.1 as
# packaged by Debian (python3-jieba). Only needed to regenerate: the committed files are what runs.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! dpkg -s python3-jieba >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "models-jieba: python3-jieba is not installed; run 'apt-get install -y python3-jieba' as root" >&2
    exit 1
  fi
  apt-get update -qq
  # the first install has been seen to fail once with "failed to read archive"; retry once
  apt-get install -y -qq python3-jieba || apt-get install -y -qq python3-jieba
fi
version=$(dpkg-query -W -f '${Version}' python3-jieba)
init=$(dpkg -L python3-jieba | grep '/jieba/__init__.py$')
jieba_dir=$(dirname "$init")
echo "models-jieba: python3-jieba $version at $jieba_dir"
grep -q "__version__ = '0.42.1'" "$init" || { echo "models-jieba: expected jieba 0.42.1" >&2; exit 1; }
dotnet run -c Release --project tools/ReportMiner.JiebaConvert -- "$jieba_dir" models/jieba
cp /usr/share/doc/python3-jieba/copyright models/jieba/LICENSE-jieba.txt
sha256sum models/jieba/dict.bin models/jieba/hmm.bin
