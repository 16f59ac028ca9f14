import Foundation
@testable import ThawMonitor

/// Builds protobuf messages and TFRecord files byte by byte, for tests that need shapes the
/// recorded fixtures do not have (half-precision tensors, hostile lengths, huge records).
struct ProtoWriter {
    var bytes: [UInt8] = []

    static func varint(_ value: UInt64) -> [UInt8] {
        var v = value, out: [UInt8] = []
        repeat {
            var byte = UInt8(v & 0x7F)
            v >>= 7
            if v != 0 { byte |= 0x80 }
            out.append(byte)
        } while v != 0
        return out
    }

    mutating func varint(_ field: Int, _ value: UInt64) {
        bytes += Self.varint(UInt64(field << 3)) + Self.varint(value)
    }

    mutating func fixed32(_ field: Int, _ value: UInt32) {
        bytes += Self.varint(UInt64(field << 3 | 5)) + withUnsafeBytes(of: value.littleEndian, Array.init)
    }

    mutating func fixed64(_ field: Int, _ value: UInt64) {
        bytes += Self.varint(UInt64(field << 3 | 1)) + withUnsafeBytes(of: value.littleEndian, Array.init)
    }

    mutating func bytes(_ field: Int, _ value: [UInt8]) {
        bytes += Self.varint(UInt64(field << 3 | 2)) + Self.varint(UInt64(value.count)) + value
    }

    mutating func string(_ field: Int, _ value: String) { bytes(field, Array(value.utf8)) }
}

/// Event records in the layout the writers use.
enum EventBytes {
    static func event(step: Int64, values: [[UInt8]] = [], fileVersion: String? = nil, sessionStart: Bool = false) -> [UInt8] {
        var event = ProtoWriter()
        event.fixed64(1, (1_700_000_000.5).bitPattern)
        if step != 0 { event.varint(2, UInt64(bitPattern: step)) }
        if let fileVersion { event.string(3, fileVersion) }
        if !values.isEmpty {
            var summary = ProtoWriter()
            for value in values { summary.bytes(1, value) }
            event.bytes(5, summary.bytes)
        }
        if sessionStart { event.bytes(7, ProtoWriter { $0.varint(1, 1) }.bytes) }
        return event.bytes
    }

    static func simpleValue(_ tag: String, _ value: Float) -> [UInt8] {
        var v = ProtoWriter()
        v.string(1, tag)
        v.fixed32(2, value.bitPattern)
        return v.bytes
    }

    static func scalarsMetadata() -> [UInt8] {
        var pluginData = ProtoWriter()
        pluginData.string(1, "scalars")
        var metadata = ProtoWriter()
        metadata.bytes(1, pluginData.bytes)
        return metadata.bytes
    }

    /// A `Summary.Value` with a tensor, optionally announcing the `scalars` plugin.
    static func tensorValue(_ tag: String, tensor: [UInt8], plugin: Bool = true) -> [UInt8] {
        var v = ProtoWriter()
        v.string(1, tag)
        v.bytes(8, tensor)
        if plugin { v.bytes(9, scalarsMetadata()) }
        return v.bytes
    }

    /// A TensorProto: dtype, a shape of `dims`, then whatever `build` adds.
    static func tensor(dtype: UInt64, dims: [UInt64] = [], _ build: (inout ProtoWriter) -> Void) -> [UInt8] {
        var t = ProtoWriter()
        t.varint(1, dtype)
        var shape = ProtoWriter()
        for dim in dims { shape.bytes(2, ProtoWriter { $0.varint(1, dim) }.bytes) }
        t.bytes(2, shape.bytes)
        build(&t)
        return t.bytes
    }

    /// One TFRecord around `data`.
    static func record(_ data: [UInt8]) -> [UInt8] {
        let length = withUnsafeBytes(of: UInt64(data.count).littleEndian, Array.init)
        func crc(_ bytes: [UInt8]) -> [UInt8] { withUnsafeBytes(of: CRC32C.masked(CRC32C.checksum(bytes)).littleEndian, Array.init) }
        return length + crc(length) + data + crc(data)
    }

    static func file(_ events: [[UInt8]]) -> [UInt8] {
        ([event(step: 0, fileVersion: "brain.Event:2")] + events).flatMap(record)
    }
}

extension ProtoWriter {
    init(_ build: (inout ProtoWriter) -> Void) {
        self.init()
        build(&self)
    }
}

/// A fresh temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL
    var path: String { url.path }

    init(_ label: String = "thaw-monitor") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws {
        let target = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
    }

    func append(_ name: String, _ bytes: [UInt8]) throws {
        let handle = try FileHandle(forWritingTo: url.appendingPathComponent(name))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(bytes))
        try handle.close()
    }

    func append(_ name: String, _ text: String) throws { try append(name, Array(text.utf8)) }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
