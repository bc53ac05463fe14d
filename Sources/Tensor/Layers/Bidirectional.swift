/// Two recurrent cells, one reading the sequence forwards and one backwards; the output at
/// step `t` is `[h→ₜ, h←ₜ]` (`[batch, 2H]` for equal sizes), where `h←ₜ` has seen steps
/// `t…T−1`, as in PyTorch's `bidirectional=True`.
public final class Bidirectional: RecurrentCell {
    public let forward: any RecurrentCell
    public let backward: any RecurrentCell
    public var isTraining = true

    public init(forward: any RecurrentCell, backward: any RecurrentCell) {
        self.forward = forward
        self.backward = backward
    }

    public var children: [(name: String, module: any Module)] { [("forward", forward), ("backward", backward)] }
    public var hiddenSize: Int { forward.hiddenSize + backward.hiddenSize }

    public func callAsFunction(_ sequence: [Tensor]) -> [Tensor] {
        let ahead = forward(sequence)
        let behind = Array(backward(Array(sequence.reversed())).reversed())
        return zip(ahead, behind).map { Tensor.concatColumns([$0, $1]) }
    }
}
