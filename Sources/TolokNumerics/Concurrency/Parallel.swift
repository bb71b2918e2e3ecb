import Dispatch
import Synchronization

/// Data-parallel loops over chunks of work on a fixed number of threads.
///
/// Chunks are handed out dynamically (the next free worker takes the next chunk), results come
/// back in chunk order, so a caller that splits its work deterministically gets the same result
/// whatever the thread count and scheduling. Each worker may keep state across the chunks it
/// processes (a private copy of the data, a solver and its warm start).
public enum Parallel {
    /// `body(k, chunks[k])` for every chunk, on up to `workers` threads, in chunk order.
    /// `completed(k)` is called (on the worker) after chunk k, e.g. for progress reports.
    public static func map<Chunk: Sendable, Result: Sendable>(
        _ chunks: [Chunk], workers: Int, completed: (@Sendable (Int) -> Void)? = nil,
        _ body: @Sendable (Int, Chunk) -> Result
    ) -> [Result] {
        map(chunks, workers: workers, state: { () }, completed: completed) { _, k, chunk in body(k, chunk) }
    }

    /// As ``map(_:workers:completed:_:)``, with per-worker state made once per worker by
    /// `state()` and passed to every chunk that worker processes.
    public static func map<Chunk: Sendable, Result: Sendable, State>(
        _ chunks: [Chunk], workers: Int, state makeState: @Sendable () -> State,
        completed: (@Sendable (Int) -> Void)? = nil,
        _ body: @Sendable (inout State, Int, Chunk) -> Result
    ) -> [Result] {
        let count = chunks.count
        guard count > 0 else { return [] }
        let threads = max(1, min(workers, count))
        if threads == 1 {
            var state = makeState()
            return chunks.enumerated().map { k, chunk in
                let r = body(&state, k, chunk)
                completed?(k)
                return r
            }
        }
        let slots = Slots<Result>(count: count)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            var state = makeState()
            while true {
                let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard k < count else { break }
                slots.set(k, body(&state, k, chunks[k]))
                completed?(k)
            }
        }
        return slots.values()
    }

    /// A thread-safe running total (e.g. units completed, for progress reports).
    public final class Counter: Sendable {
        private let value = Atomic<Int>(0)
        public init() {}
        /// Adds `k` and returns the new total.
        public func add(_ k: Int) -> Int { value.wrappingAdd(k, ordering: .relaxed).newValue }
    }

    /// `[0, n)` split into consecutive ranges of at most `size` (the last may be shorter).
    public static func ranges(_ n: Int, size: Int) -> [Range<Int>] {
        let size = max(1, size)
        return stride(from: 0, to: n, by: size).map { $0..<min($0 + size, n) }
    }
}

/// One result slot per chunk, written by the workers.
private final class Slots<Result: Sendable>: Sendable {
    private let slots: Mutex<[Result?]>
    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }
    func set(_ k: Int, _ value: Result) { slots.withLock { $0[k] = value } }
    /// Every slot is set once `concurrentPerform` returns (each chunk index is taken once).
    func values() -> [Result] { slots.withLock { $0.compactMap { $0 } } }
}
