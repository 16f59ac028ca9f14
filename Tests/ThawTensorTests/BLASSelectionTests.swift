import Testing
@testable import ThawTensor

@Suite("OpenBLAS kernel choice")
struct BLASSelectionTests {
    @Test func coreTypeFollowsInstructionSets() {
        let avx512: Set<String> = ["avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"]
        #expect(CPUFeatures.openBLASCoreType(flags: avx512) == "SkylakeX")
        #expect(CPUFeatures.openBLASCoreType(flags: avx512.union(["avx512_bf16"])) == "Cooperlake")
        #expect(CPUFeatures.openBLASCoreType(flags: ["avx", "avx2", "fma"]) == "Haswell")
        #expect(CPUFeatures.openBLASCoreType(flags: ["avx2"]) == nil || CPUFeatures.openBLASCoreType(flags: ["avx2"]) == nil)
        #expect(CPUFeatures.openBLASCoreType(flags: ["sse3"]) == nil)
    }

    @Test func flagsAreReadFromCpuinfo() {
        let text = "processor\t: 0\nflags\t\t: fpu sse2 avx2 fma\nbogomips\t: 1\n"
        #expect(CPUFeatures.flags(cpuinfo: text) == ["fpu", "sse2", "avx2", "fma"])
        #expect(CPUFeatures.flags(cpuinfo: nil).isEmpty)
    }

    @Test func onlyTheUsersOwnCoreTypeCountsAsTheirs() {
        #expect(BLASLibrary.userCoreType(in: ["OPENBLAS_CORETYPE": "Haswell"]) == "Haswell")
        #expect(BLASLibrary.userCoreType(in: ["OPENBLAS_CORETYPE": ""]) == nil)
        #expect(BLASLibrary.userCoreType(in: [:]) == nil)
        // Inherited from a parent thaw that chose it: not the user's.
        #expect(BLASLibrary.userCoreType(in: ["OPENBLAS_CORETYPE": "Cooperlake", BLASLibrary.chosenMarker: "Cooperlake"]) == nil)
        // The user changed it after thaw chose: theirs again.
        #expect(BLASLibrary.userCoreType(in: ["OPENBLAS_CORETYPE": "Haswell", BLASLibrary.chosenMarker: "Cooperlake"]) == "Haswell")
    }

    @Test func libraryLoadsAndReportsItsKernel() throws {
        let info = try blasKernelInfo().get()
        #expect(!info.coreName.isEmpty)
        if let userValue = info.userValue {
            #expect(info.source == .userEnvironment)
            #expect(info.coreName.lowercased() == userValue.lowercased()) // never overridden
        }
    }
}
