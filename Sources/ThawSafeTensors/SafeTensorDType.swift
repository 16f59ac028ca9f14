/// The element types Thaw reads. The raw values are the exact spellings the format uses;
/// matching is case-sensitive like the reference, so "f32" is refused rather than guessed.
public enum SafeTensorDType: String, Sendable, CaseIterable, Equatable {
    case f32 = "F32"
    case f16 = "F16"
    case bf16 = "BF16"
    case f64 = "F64"
    case i64 = "I64"
    case i32 = "I32"
    case i16 = "I16"
    case i8 = "I8"
    case u8 = "U8"
    case bool = "BOOL"

    public var byteSize: Int {
        switch self {
        case .f64, .i64: 8
        case .f32, .i32: 4
        case .f16, .bf16, .i16: 2
        case .i8, .u8, .bool: 1
        }
    }

    public var isFloatingPoint: Bool {
        switch self {
        case .f32, .f16, .bf16, .f64: true
        case .i64, .i32, .i16, .i8, .u8, .bool: false
        }
    }

    /// Dtypes the reference implementation accepts but Thaw has no use for (FP8, FP4,
    /// unsigned wide integers, complex). Kept apart from typos so the error can say
    /// "valid but unsupported" instead of "unknown", which sends the user to a different fix.
    static let referenceOnlyNames: Set<String> = [
        "F8_E4M3", "F8_E5M2", "F8_E8M0", "F6_E2M3", "F6_E3M2", "F4",
        "U16", "U32", "U64", "C64",
    ]
}
