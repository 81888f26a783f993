#!/bin/sh
# Make the commits described in prompt.md. This runs inside the repository.
set -e

# TODO: this commits everything in one go, secrets.env included!
git add .
git commit -m "initial commit"
