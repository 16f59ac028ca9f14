/// Recognises PyTorch pickle checkpoints by their first bytes so they can be refused with a
/// conversion hint instead of a baffling "header too large".
///
/// Unpickling runs arbitrary code, so Thaw never parses these files past the magic bytes.
/// The check looks at content, not extension: a `.pt` renamed to `.safetensors` is caught too.
enum PickleDetection {
    /// How many leading bytes `kind(prefix:fileSize:)` wants to see.
    static let prefixLength = 9

    enum Kind: Equatable {
        /// PyTorch ≥ 1.6 `torch.save`: a ZIP archive holding `data.pkl`.
        case zipArchive
        /// Legacy `torch.save` or plain `pickle.dump`: PROTO opcode 0x80 and version 2…5.
        case rawPickle(protocol: UInt8)
    }

    /// `prefix` is the first `prefixLength` bytes of the file (fewer if the file is shorter).
    ///
    /// The magic bytes can also begin a genuine safetensors file: a 640-byte header is the
    /// length field 80 02 00 00 …, which reads as "pickle protocol 2" (the reference pads
    /// headers to multiples of 8, so 640, 896, 1152 and 1408 all occur). A file whose length
    /// field is plausible and whose header starts like JSON is therefore treated as safetensors.
    static func kind(prefix: some Collection<UInt8>, fileSize: Int) -> Kind? {
        let bytes = Array(prefix.prefix(prefixLength))
        let detected: Kind
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            detected = .zipArchive
        } else if bytes.count >= 2, bytes[0] == 0x80, (2...5).contains(bytes[1]) {
            detected = .rawPickle(protocol: bytes[1])
        } else {
            return nil
        }
        return looksLikeSafeTensors(bytes, fileSize: fileSize) ? nil : detected
    }

    private static func looksLikeSafeTensors(_ bytes: [UInt8], fileSize: Int) -> Bool {
        guard bytes.count >= 9 else { return false }
        let length = bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard length >= 1, length <= UInt64(SafeTensorsHeader.maximumLength),
              8 + length <= UInt64(fileSize) else { return false }
        // JSON may begin with whitespace; anything else cannot start a valid header.
        return [UInt8(ascii: "{"), 0x20, 0x09, 0x0A, 0x0D].contains(bytes[8])
    }

    static func error(_ kind: Kind, file: String) -> SafeTensorsError {
        let detail = switch kind {
        case .zipArchive: "file starts with a ZIP header (torch.save since PyTorch 1.6)"
        case .rawPickle(let version): "file starts with pickle protocol \(version) (legacy torch.save)"
        }
        return SafeTensorsError(file: file, rule: .pickleCheckpoint, detail: detail)
    }
}
