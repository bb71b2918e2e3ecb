import CLapack

/// Control of OpenBLAS's worker threads.
///
/// OpenBLAS starts one thread per core and the count is process-wide. Code that
/// parallelises over units (DEA, bootstraps) pins BLAS to one thread and runs units
/// concurrently instead.
public enum BLASThreads {
    /// Sets the number of OpenBLAS worker threads for the whole process.
    public static func set(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// The current number of OpenBLAS worker threads.
    public static var count: Int { Int(openblas_get_num_threads()) }
}
