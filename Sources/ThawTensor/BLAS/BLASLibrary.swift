import COpenBLAS
import Foundation

/// OpenBLAS, loaded at run time.
///
/// Loading with `dlopen` rather than linking lets us set `OPENBLAS_CORETYPE` first: the library
/// reads it once, in its load-time constructor, and a linked library has already run that
/// constructor before `main`. A value the user set is never overridden.
struct BLASLibrary: @unchecked Sendable {
    // @unchecked Sendable: only immutable function pointers and strings, set once at load.
    typealias SgemmFunction = @convention(c) (
        CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, blasint, blasint, blasint,
        Float, UnsafePointer<Float>?, blasint, UnsafePointer<Float>?, blasint,
        Float, UnsafeMutablePointer<Float>?, blasint) -> Void
    typealias SetThreadsFunction = @convention(c) (Int32) -> Void
    typealias CoreNameFunction = @convention(c) () -> UnsafeMutablePointer<CChar>?

    let sgemm: SgemmFunction
    let handle: UnsafeMutableRawPointer
    let kernel: BLASKernelInfo

    static let chosenMarker = "THAW_CHOSE_OPENBLAS_CORETYPE"
    static let candidates = ["libopenblas.so.0", "libopenblas.so", "libopenblas.dylib"]

    static func load(environment: [String: String] = ProcessInfo.processInfo.environment) -> Result<BLASLibrary, BLASLoadError> {
        let userValue = userCoreType(in: environment)
        let detected = CPUFeatures.openBLASCoreType(flags: CPUFeatures.flags())
        if userValue == nil, let detected {
            setenv("OPENBLAS_CORETYPE", detected, 1)
            setenv(chosenMarker, detected, 1)
        }
        // OpenBLAS threads spin between calls and would compete with the UI thread on small
        // machines; Thaw splits large GEMMs across its own threads instead (see `Gemm`).
        if environment["OPENBLAS_NUM_THREADS"] == nil { setenv("OPENBLAS_NUM_THREADS", "1", 0) }

        var errors: [String] = []
        for name in candidates {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else {
                errors.append(String(cString: dlerror()))
                continue
            }
            guard let sgemm = dlsym(handle, "cblas_sgemm") else {
                errors.append("\(name) has no cblas_sgemm")
                continue
            }
            if let setThreads = dlsym(handle, "openblas_set_num_threads") {
                unsafeBitCast(setThreads, to: SetThreadsFunction.self)(1)
            }
            var core = "unknown"
            if let coreName = dlsym(handle, "openblas_get_corename"),
               let cString = unsafeBitCast(coreName, to: CoreNameFunction.self)() {
                core = String(cString: cString)
            }
            let source: BLASKernelInfo.Source = userValue != nil ? .userEnvironment : (detected != nil ? .detected : .libraryDefault)
            let info = BLASKernelInfo(library: name, coreName: core, source: source,
                                      userValue: userValue, detectedCoreType: detected)
            return .success(BLASLibrary(sgemm: unsafeBitCast(sgemm, to: SgemmFunction.self),
                                        handle: handle, kernel: info))
        }
        return .failure(BLASLoadError(reasons: errors))
    }

    /// The core type the user set, if any. A value Thaw chose for a parent process (`thaw
    /// bench` runs each workload in a child) carries a marker, so the child does not mistake
    /// it for the user's own setting.
    static func userCoreType(in environment: [String: String]) -> String? {
        guard let value = environment["OPENBLAS_CORETYPE"], !value.isEmpty, value != environment[chosenMarker] else { return nil }
        return value
    }

    /// Looks up another symbol of the loaded library (LAPACK routines live here too).
    func symbol(_ name: String) -> UnsafeMutableRawPointer? { dlsym(handle, name) }
}

/// Which OpenBLAS kernel runs and why, for `thaw bench` and diagnostics.
public struct BLASKernelInfo: Sendable, Equatable, CustomStringConvertible {
    public enum Source: String, Sendable {
        case userEnvironment = "OPENBLAS_CORETYPE from the environment"
        case detected = "chosen from CPU flags"
        case libraryDefault = "OpenBLAS's own detection"
    }
    public let library: String
    public let coreName: String
    public let source: Source
    public let userValue: String?
    public let detectedCoreType: String?

    public var description: String {
        var text = "\(coreName) (\(source.rawValue))"
        if let userValue, let detectedCoreType, userValue.lowercased() != detectedCoreType.lowercased() {
            text += "; note: this CPU supports \(detectedCoreType), unset OPENBLAS_CORETYPE to use it"
        }
        return text
    }
}

public struct BLASLoadError: Error, CustomStringConvertible {
    public let reasons: [String]
    public var description: String {
        "OpenBLAS could not be loaded (install it: apt-get install libopenblas-dev): " + reasons.joined(separator: "; ")
    }
}

/// The process's one OpenBLAS: a shared library is process-wide by nature, and this value is
/// immutable once loaded (Swift initialises globals lazily and thread-safely).
let loadedBLAS: Result<BLASLibrary, BLASLoadError> = BLASLibrary.load()

var blas: BLASLibrary {
    switch loadedBLAS {
    case .success(let library): return library
    case .failure(let error): fatalError(error.description)
    }
}

/// The kernel OpenBLAS runs, loading it if needed; nil with the reason when it cannot load.
public func blasKernelInfo() -> Result<BLASKernelInfo, BLASLoadError> {
    loadedBLAS.map(\.kernel)
}
