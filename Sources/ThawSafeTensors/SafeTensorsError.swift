import ThawJSON
/// The rule a safetensors file (or a request against one) broke.
///
/// One case per rule, rather than one "invalid file" error with free text, so that tests can
/// assert the exact kind a malformed fixture triggers, and callers can tell a pickle checkpoint
/// (offer a conversion command) from a corrupt file (offer nothing).
public enum SafeTensorsRule: String, Sendable, CaseIterable, Equatable {
    case ioError
    case fileTooShort
    case headerTooLarge
    case headerPastEndOfFile
    case headerHasByteOrderMark
    case headerNotUTF8
    case invalidJSON
    case nestingTooDeep
    case headerNotObject
    case duplicateKey
    case entryNotObject
    case missingField
    case unknownField
    case unknownDType
    case unsupportedDType
    case invalidShape
    case shapeOverflow
    case invalidDataOffsets
    case beginAfterEnd
    case byteCountMismatch
    case offsetPastBuffer
    case offsetGap
    case offsetOverlap
    case trailingBytes
    case invalidMetadata
    case pickleCheckpoint
    case unknownTensor
    case dtypeMismatch
    case invalidTensorName
    case writeFailed

    /// The human wording of the rule; the `detail` of an error says where it was broken.
    public var summary: String {
        switch self {
        case .ioError: "cannot read file"
        case .fileTooShort: "file is shorter than the 8-byte header length"
        case .headerTooLarge: "header length exceeds the 100 MB limit"
        case .headerPastEndOfFile: "header extends past the end of the file"
        case .headerHasByteOrderMark: "header starts with a byte-order mark"
        case .headerNotUTF8: "header is not valid UTF-8"
        case .invalidJSON: "header is not valid JSON"
        case .nestingTooDeep: "header JSON is nested too deeply"
        case .headerNotObject: "header is not a JSON object"
        case .duplicateKey: "duplicate JSON key"
        case .entryNotObject: "tensor entry is not a JSON object"
        case .missingField: "tensor entry is missing a field"
        case .unknownField: "tensor entry has an unknown field"
        case .unknownDType: "unknown dtype"
        case .unsupportedDType: "dtype not supported by Thaw"
        case .invalidShape: "shape is not an array of non-negative integers"
        case .shapeOverflow: "shape size overflows 64 bits"
        case .invalidDataOffsets: "data_offsets is not two non-negative integers"
        case .beginAfterEnd: "data_offsets begin is after end"
        case .byteCountMismatch: "byte count does not match shape and dtype"
        case .offsetPastBuffer: "tensor data extends past the end of the file"
        case .offsetGap: "gap between tensor data ranges"
        case .offsetOverlap: "overlapping tensor data ranges"
        case .trailingBytes: "trailing bytes after the last tensor"
        case .invalidMetadata: "__metadata__ is not an object of strings"
        case .pickleCheckpoint:
            "pickle/ZIP checkpoints are not supported; convert to safetensors "
                + "(python3 -c \"import torch; from safetensors.torch import save_file; "
                + "save_file(torch.load('IN', weights_only=True), 'OUT.safetensors')\")"
        case .unknownTensor: "no such tensor"
        case .dtypeMismatch: "tensor dtype cannot be read as requested"
        case .invalidTensorName: "invalid tensor name"
        case .writeFailed: "cannot write file"
        }
    }
}

/// A failure to read or write a safetensors file, rendered as exactly one line.
///
/// Names and paths come from untrusted input (a tensor called "\u{1b}[2J" would clear the
/// user's screen), so `description` escapes control and line-separator characters rather
/// than trusting callers to do it.
public struct SafeTensorsError: Error, CustomStringConvertible, Equatable, Sendable {
    public let file: String
    public let rule: SafeTensorsRule
    public let detail: String

    public init(file: String, rule: SafeTensorsRule, detail: String) {
        self.file = file
        self.rule = rule
        self.detail = detail
    }

    public var description: String {
        let text = detail.isEmpty ? rule.summary : "\(rule.summary): \(detail)"
        return "\(Self.escapedForOneLine(file)): \(Self.escapedForOneLine(text))"
    }

    /// Replaces characters that could break a line or drive a terminal with `\u{XX}` escapes.
    static func escapedForOneLine(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029:
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

