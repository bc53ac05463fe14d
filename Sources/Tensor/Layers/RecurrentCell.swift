/// A recurrent cell unrolled over a sequence of `[batch, input]` steps, returning the hidden
/// state `[batch, hidden]` after every step (initial state zero). Unrolling builds one graph
/// over all steps, so backpropagation is through time.
public protocol RecurrentCell: Module {
    var hiddenSize: Int { get }
    func callAsFunction(_ sequence: [Tensor]) -> [Tensor]
}
