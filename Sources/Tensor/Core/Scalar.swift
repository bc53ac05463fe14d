/// The element type of every tensor: its values, its gradient, the optimizers' state, the
/// hyperparameters that multiply them.
///
/// A type alias is transparent to the compiler: the module's code and its public API are the same
/// as with `Float` written out.
public typealias Scalar = Float
