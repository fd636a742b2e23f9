#!/usr/bin/env bash
# Regenerates the Swift code for the .proto files in this folder (../*.pb.swift). The generated
# code is committed, so neither a build nor CI runs this; run it after changing a .proto file.
#
# Needs protoc (Debian: apt-get install protobuf-compiler) and swift-protobuf's plugin,
# protoc-gen-swift, of the same version as the runtime library in Package.swift (1.39.0):
#
#   git clone --branch 1.39.0 https://github.com/apple/swift-protobuf /tmp/swift-protobuf
#   swift build --package-path /tmp/swift-protobuf --product protoc-gen-swift
#   Sources/RLTensorBoard/Protobuf/proto/generate.sh /tmp/swift-protobuf/.build/debug/protoc-gen-swift
#
# The types are internal: the module's public API never shows protobuf types.
set -euo pipefail
plugin=${1:?usage: generate.sh PATH/TO/protoc-gen-swift}
here="$(cd "$(dirname "$0")" && pwd)"
protoc --plugin=protoc-gen-swift="$plugin" \
    --proto_path="$here" \
    --swift_opt=Visibility=Internal \
    --swift_opt=FileNaming=DropPath \
    --swift_out="$here/.." \
    "$here"/*.proto
