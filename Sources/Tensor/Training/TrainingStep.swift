/// One optimisation step a ``Trainer`` takes on a batch: zero the optimizer's gradients, build
/// `loss(batch)`, backward, run ``beforeUpdate`` (gradient clipping, ...), update. Several steps
/// alternate on each batch in the order given (a discriminator step, then a generator step, as
/// ALAD and AMAD train); ``every`` runs a step only on every k-th batch (n:1 schedules).
///
/// Each step builds its own graph, which `backward` frees: steps never share gradients.
public struct TrainingStep<Batch> {
    /// Names the step's loss in ``TrainingHistory/losses`` and in progress reports.
    public var name: String
    public var optimizer: any Optimizer
    /// Run on batches `k` with `k % every == 0` (0-based count of batches).
    public var every: Int
    /// Between backward and the update: clip gradients, inspect them.
    public var beforeUpdate: ((any Optimizer) -> Void)?
    /// The scalar loss of a batch, built with gradients enabled.
    public var loss: (Batch) -> Tensor

    public init(_ name: String = "loss", optimizer: any Optimizer, every: Int = 1,
                beforeUpdate: ((any Optimizer) -> Void)? = nil, loss: @escaping (Batch) -> Tensor) {
        precondition(every >= 1, "TrainingStep: every ≥ 1")
        self.name = name
        self.optimizer = optimizer
        self.every = every
        self.beforeUpdate = beforeUpdate
        self.loss = loss
    }
}
