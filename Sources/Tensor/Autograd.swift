/// Whether ops record their history. Backward passes run with recording off unless the
/// caller asks for a graph of the gradient itself (`createGraph`), which WGAN-GP needs.
public enum GradMode {
    // nonisolated(unsafe): set and read only by the thread that builds graphs (one per
    // process); the workers of Threads.forEach run kernels on raw buffers, never ops.
    nonisolated(unsafe) public private(set) static var isEnabled = true

    /// Runs `body` with recording set to `enabled`, restoring the previous mode after.
    public static func with<T>(_ enabled: Bool, _ body: () throws -> T) rethrows -> T {
        let saved = isEnabled
        isEnabled = enabled
        defer { isEnabled = saved }
        return try body()
    }
}

/// Runs `body` without recording history (inference, frozen generators, optimizer steps).
public func withoutGrad<T>(_ body: () throws -> T) rethrows -> T {
    try GradMode.with(false, body)
}

/// One recorded op: its inputs and the rule that maps the output's gradient to theirs.
///
/// Rules are written with the same differentiable ops, so when they run with recording on
/// their results carry history and can be differentiated again.
public final class Node {
    public let name: String
    let inputs: [Tensor]
    /// Given the output gradient and which inputs need one, returns a gradient per input
    /// (nil where not needed or not defined).
    let rule: (Tensor, [Bool]) -> [Tensor?]

    init(_ name: String, _ inputs: [Tensor], _ rule: @escaping (Tensor, [Bool]) -> [Tensor?]) {
        self.name = name
        self.inputs = inputs
        self.rule = rule
    }
}

extension Tensor {
    /// Attaches history to `self` (an op's fresh output) when any input is tracked and
    /// recording is on. Returns `self` for chaining.
    @discardableResult
    func recorded(_ name: String, _ inputs: [Tensor], _ rule: @escaping (Tensor, [Bool]) -> [Tensor?]) -> Tensor {
        if GradMode.isEnabled, inputs.contains(where: { $0.isTracked }) {
            gradFn = Node(name, inputs, rule)
        }
        return self
    }
}

// MARK: - The backward engine

/// Gradients of `output` (weighted by `seed`, ones by default) with respect to `inputs`.
/// With `createGraph` the results carry history, so they can be differentiated again.
/// An input that `output` does not depend on gets zeros.
public func gradients(of output: Tensor, wrt inputs: [Tensor], seed: Tensor? = nil,
                      createGraph: Bool = false) -> [Tensor] {
    let targets = Set(inputs.map(ObjectIdentifier.init))
    let grads = propagate(from: output, seed: seed, createGraph: createGraph, stopAt: targets)
    return inputs.map { grads[ObjectIdentifier($0)] ?? Tensor(zeros: $0.shape) }
}

extension Tensor {
    /// Accumulates d(self)/d(leaf) into `leaf.grad` for every leaf that requires grad
    /// (or only for `leaves`, when given). `self` is usually a scalar loss.
    ///
    /// Consumes the graph, as PyTorch's default does: each node's history is dropped once
    /// its rule has run, so the activations it kept alive are freed during the pass instead
    /// of after it (peak memory), and calling `backward` on the same graph again reaches
    /// no leaves.
    public func backward(seed: Tensor? = nil, leaves: [Tensor]? = nil) {
        let wanted: Set<ObjectIdentifier>? = leaves.map { Set($0.map(ObjectIdentifier.init)) }
        var reached: [ObjectIdentifier: Tensor] = [:]
        for tensor in topologicalOrder(self) where tensor.gradFn == nil && tensor.requiresGrad {
            if let wanted, !wanted.contains(ObjectIdentifier(tensor)) { continue }
            reached[ObjectIdentifier(tensor)] = tensor
        }
        let grads = propagate(from: self, seed: seed, createGraph: false, stopAt: Set(reached.keys),
                              releasingGraph: true)
        withoutGrad {
            for (id, leaf) in reached {
                guard let g = grads[id] else { continue }
                leaf.grad = leaf.grad.map { $0 + g } ?? g.detached()
            }
        }
    }
}

/// Every tensor reachable from `root` through recorded history, inputs before users.
func topologicalOrder(_ root: Tensor) -> [Tensor] {
    var order: [Tensor] = []
    var seen: Set<ObjectIdentifier> = []
    // Iterative DFS: GP graphs are deep enough that recursion is a needless risk.
    var stack: [(Tensor, Bool)] = [(root, false)]
    while let (tensor, expanded) = stack.popLast() {
        if expanded { order.append(tensor); continue }
        guard seen.insert(ObjectIdentifier(tensor)).inserted else { continue }
        stack.append((tensor, true))
        for input in tensor.gradFn?.inputs ?? [] where !seen.contains(ObjectIdentifier(input)) {
            stack.append((input, false))
        }
    }
    return order
}

/// Runs the rules from `output` back towards `targets`, visiting only tensors that lead to
/// a target, and returns the gradient reached at each target.
///
/// With `releasingGraph`, every visited tensor loses its history after its rule ran and the
/// pass drops its own reference, so values only the graph kept are freed as it goes.
private func propagate(from output: Tensor, seed: Tensor?, createGraph: Bool,
                       stopAt targets: Set<ObjectIdentifier>, releasingGraph: Bool = false) -> [ObjectIdentifier: Tensor] {
    var order = topologicalOrder(output)
    var leadsToTarget: Set<ObjectIdentifier> = []
    for tensor in order {  // inputs come first, so one forward sweep settles reachability
        let id = ObjectIdentifier(tensor)
        if targets.contains(id) || (tensor.gradFn?.inputs.contains { leadsToTarget.contains(ObjectIdentifier($0)) } ?? false) {
            leadsToTarget.insert(id)
        }
    }
    var grads: [ObjectIdentifier: Tensor] = [:]
    guard leadsToTarget.contains(ObjectIdentifier(output)) else { return [:] }
    grads[ObjectIdentifier(output)] = seed ?? Tensor(repeating: 1, shape: output.shape)

    GradMode.with(createGraph) {
        while let tensor = order.popLast() {
            let id = ObjectIdentifier(tensor)
            defer { if releasingGraph { tensor.gradFn = nil } }
            guard let node = tensor.gradFn, !targets.contains(id), let g = grads[id] else { continue }
            let needed = node.inputs.map { leadsToTarget.contains(ObjectIdentifier($0)) }
            guard needed.contains(true) else { continue }
            let inputGrads = node.rule(g, needed)
            for (i, input) in node.inputs.enumerated() where needed[i] {
                guard let gi = inputGrads[i] else { continue }
                let key = ObjectIdentifier(input)
                grads[key] = grads[key].map { $0 + gi } ?? gi
            }
            if !targets.contains(id) { grads[id] = nil }  // free intermediate gradients early
        }
    }
    return grads.filter { targets.contains($0.key) }
}
