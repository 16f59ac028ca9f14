/// The parts of a TensorBoard `Event` record that scalars need, decoded from the protobuf
/// wire format. Field numbers are those of tensorflow/core/util/event.proto and
/// tensorflow/core/framework/summary.proto:
///
/// - `Event`: wall_time = 1 (double), step = 2 (int64), file_version = 3 (string),
///   summary = 5 (Summary), session_log = 7 (SessionLog: status = 1, START = 1).
/// - `Summary`: value = 1 (repeated Value).
/// - `Summary.Value`: tag = 1, simple_value = 2 (float), tensor = 8 (TensorProto),
///   metadata = 9 (SummaryMetadata: plugin_data = 1 → plugin_name = 1).
///
/// Everything else (graphs, images, histograms, audio, run metadata) is skipped unread.
struct EventRecord: Equatable, Sendable {
    struct Value: Equatable, Sendable {
        var tag = ""
        /// `simple_value`, the classic scalar (PyTorch's `add_scalar`, tensorboardX).
        var simpleValue: Float?
        /// A `tensor` that holds exactly one number (TF2/Keras, PyTorch `new_style`).
        var tensorScalar: Double?
        /// The plugin named in the value's metadata, which TF writers send only with a
        /// tag's first value.
        var pluginName: String?
    }

    static let sessionStart: UInt64 = 1

    var step: Int64 = 0
    var fileVersion: String?
    var sessionStatus: UInt64?
    var hasSummary = false
    var values: [Value] = []

    init(decoding record: ArraySlice<UInt8>) throws(ProtoError) {
        var reader = ProtoReader(record)
        while let field = try reader.nextField() {
            switch (field.number, field.type) {
            case (2, .varint): step = Int64(bitPattern: try reader.varint())
            case (3, .lengthDelimited): fileVersion = String(decoding: try reader.lengthDelimited(), as: UTF8.self)
            case (5, .lengthDelimited):
                hasSummary = true
                values += try Self.summary(try reader.lengthDelimited())
            case (7, .lengthDelimited): sessionStatus = try Self.sessionStatus(try reader.lengthDelimited())
            default: try reader.skip(field.type)
            }
        }
    }

    static func summary(_ bytes: ArraySlice<UInt8>) throws(ProtoError) -> [Value] {
        var reader = ProtoReader(bytes)
        var values: [Value] = []
        while let field = try reader.nextField() {
            if field.number == 1, field.type == .lengthDelimited {
                values.append(try value(try reader.lengthDelimited()))
            } else {
                try reader.skip(field.type)
            }
        }
        return values
    }

    static func value(_ bytes: ArraySlice<UInt8>) throws(ProtoError) -> Value {
        var reader = ProtoReader(bytes)
        var value = Value()
        while let field = try reader.nextField() {
            switch (field.number, field.type) {
            case (1, .lengthDelimited): value.tag = String(decoding: try reader.lengthDelimited(), as: UTF8.self)
            case (2, .fixed32): value.simpleValue = Float(bitPattern: try reader.fixed32())
            case (8, .lengthDelimited): value.tensorScalar = try TensorScalar.decode(try reader.lengthDelimited())
            case (9, .lengthDelimited): value.pluginName = try pluginName(try reader.lengthDelimited())
            default: try reader.skip(field.type)
            }
        }
        return value
    }

    /// `SummaryMetadata.plugin_data.plugin_name`.
    static func pluginName(_ bytes: ArraySlice<UInt8>) throws(ProtoError) -> String? {
        var reader = ProtoReader(bytes)
        var name: String?
        while let field = try reader.nextField() {
            guard field.number == 1, field.type == .lengthDelimited else { try reader.skip(field.type); continue }
            var pluginData = ProtoReader(try reader.lengthDelimited())
            while let inner = try pluginData.nextField() {
                if inner.number == 1, inner.type == .lengthDelimited {
                    name = String(decoding: try pluginData.lengthDelimited(), as: UTF8.self)
                } else {
                    try pluginData.skip(inner.type)
                }
            }
        }
        return name
    }

    static func sessionStatus(_ bytes: ArraySlice<UInt8>) throws(ProtoError) -> UInt64 {
        var reader = ProtoReader(bytes)
        var status: UInt64 = 0
        while let field = try reader.nextField() {
            if field.number == 1, field.type == .varint { status = try reader.varint() } else { try reader.skip(field.type) }
        }
        return status
    }

    /// The version in `file_version` ("brain.Event:2" → 2), as TensorBoard parses it.
    static func parseFileVersion(_ text: String) -> Double? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        return Double(text[text.index(after: colon)...])
    }
}
