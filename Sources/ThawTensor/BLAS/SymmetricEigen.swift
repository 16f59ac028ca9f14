import COpenBLAS

/// Why `symmetricEigen` could not decompose a matrix.
public enum SymmetricEigenError: Error, Equatable, CustomStringConvertible {
    /// OpenBLAS itself did not load (the reason is `BLASLoadError`'s description).
    case libraryUnavailable(String)
    /// OpenBLAS loaded but was built without LAPACK.
    case routineMissing(String)
    /// The matrix is not `size × size`, or `size` is not positive.
    case badShape(count: Int, size: Int)
    /// The matrix holds NaN or infinity; LAPACK's behaviour on those is undefined.
    case nonFinite
    /// LAPACK's INFO: negative = argument `-info` was illegal; positive = the divide-and-conquer
    /// iteration failed to converge.
    case lapackFailed(routine: String, info: Int)

    public var description: String {
        switch self {
        case .libraryUnavailable(let reason): reason
        case .routineMissing(let name): "the loaded OpenBLAS has no LAPACK routine \(name) (install libopenblas0-pthread or liblapack)"
        case let .badShape(count, size): "a \(size)×\(size) matrix needs \(size * size) values, got \(count)"
        case .nonFinite: "the matrix holds NaN or infinite values"
        case let .lapackFailed(routine, info):
            info < 0 ? "\(routine): argument \(-info) was illegal" : "\(routine): failed to converge (info \(info))"
        }
    }
}

/// Eigenvalues and eigenvectors of a real symmetric matrix, by LAPACK's `dsyevd`.
///
/// LogME (You et al., ICML 2021) decomposes FᵀF once and then runs its evidence fixed point on
/// the eigenvalues alone, so the whole metric costs one symmetric eigendecomposition; this
/// is that step. `dsyevd` (divide and conquer) is the fast LAPACK driver when all vectors are
/// wanted. It comes from the OpenBLAS already loaded for GEMM (`BLASLibrary`), so there is no
/// second numeric library.
///
/// - Parameters:
///   - matrix: `n × n` values. Only the lower triangle is read (as LAPACK's `UPLO = 'U'` on the
///     Fortran, column-major view of the same memory), so row-major and column-major input are
///     the same for a symmetric matrix.
///   - n: the order of the matrix.
/// - Returns: `values` in ascending order; `vectors` column-major, orthonormal: eigenvector `j`
///   (for `values[j]`) is the contiguous slice `vectors[j*n ..< (j+1)*n]`. Read as a row-major
///   matrix, row `j` is eigenvector `j`.
/// - Throws: `SymmetricEigenError`.
public func symmetricEigen(_ matrix: [Double], size n: Int) throws -> (values: [Double], vectors: [Double]) {
    guard n > 0, matrix.count == n * n else { throw SymmetricEigenError.badShape(count: matrix.count, size: n) }
    guard matrix.allSatisfy(\.isFinite) else { throw SymmetricEigenError.nonFinite }
    let routine = try LAPACKRoutines.dsyevd()

    var jobz = CChar(UInt8(ascii: "V")), uplo = CChar(UInt8(ascii: "U"))
    var order = blasint(n), leading = blasint(n), info = blasint(0)
    var a = matrix
    var values = [Double](repeating: 0, count: n)

    // Workspace query: LWORK = LIWORK = -1 makes dsyevd return the optimal sizes in WORK[0] and
    // IWORK[0] without touching A.
    var workSize = [Double](repeating: 0, count: 1)
    var iworkSize = [blasint](repeating: 0, count: 1)
    var query = blasint(-1), iquery = blasint(-1)
    routine(&jobz, &uplo, &order, &a, &leading, &values, &workSize, &query, &iworkSize, &iquery, &info, 1, 1)
    guard info == 0 else { throw SymmetricEigenError.lapackFailed(routine: "dsyevd", info: Int(info)) }

    // The documented minimums (1 + 6n + 2n², 3 + 5n) guard against a library that under-reports.
    var lwork = blasint(Swift.max(Int(workSize[0].rounded(.up)), 1 + 6 * n + 2 * n * n))
    var liwork = blasint(Swift.max(Int(iworkSize[0]), 3 + 5 * n))
    var work = [Double](repeating: 0, count: Int(lwork))
    var iwork = [blasint](repeating: 0, count: Int(liwork))
    routine(&jobz, &uplo, &order, &a, &leading, &values, &work, &lwork, &iwork, &liwork, &info, 1, 1)
    guard info == 0 else { throw SymmetricEigenError.lapackFailed(routine: "dsyevd", info: Int(info)) }
    return (values, a)
}

/// LAPACK entry points looked up in the loaded OpenBLAS.
enum LAPACKRoutines {
    /// Fortran ABI: every argument by reference, character arguments followed by their hidden
    /// lengths (gfortran passes them as `size_t` after the visible arguments; an f2c-built
    /// LAPACK ignores them, so passing them is right for both).
    typealias DsyevdFunction = @convention(c) (
        UnsafeMutablePointer<CChar>, UnsafeMutablePointer<CChar>, UnsafeMutablePointer<blasint>,
        UnsafeMutablePointer<Double>, UnsafeMutablePointer<blasint>, UnsafeMutablePointer<Double>,
        UnsafeMutablePointer<Double>, UnsafeMutablePointer<blasint>, UnsafeMutablePointer<blasint>,
        UnsafeMutablePointer<blasint>, UnsafeMutablePointer<blasint>, Int, Int) -> Void

    static func dsyevd() throws -> DsyevdFunction {
        let library: BLASLibrary
        switch loadedBLAS {
        case .success(let loaded): library = loaded
        case .failure(let error): throw SymmetricEigenError.libraryUnavailable(error.description)
        }
        guard let pointer = library.symbol("dsyevd_") else { throw SymmetricEigenError.routineMissing("dsyevd_") }
        return unsafeBitCast(pointer, to: DsyevdFunction.self)
    }
}
