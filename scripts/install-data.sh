#!/usr/bin/env bash
# Installs what the demo and the tests read: Fashion-MNIST from Debian's dataset-fashion-mnist
# (/usr/share/datasets/fashion-mnist). Does nothing when it is already there.
set -euo pipefail
dir=/usr/share/datasets/fashion-mnist
if [ -e "$dir/t10k-images-idx3-ubyte.gz" ] && [ -e "$dir/train-images-idx3-ubyte.gz" ]; then
  exit 0
fi
echo "installing Debian's dataset-fashion-mnist into $dir" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "need root (or sudo) for: apt-get install dataset-fashion-mnist" >&2; exit 1; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq dataset-fashion-mnist >/dev/null
