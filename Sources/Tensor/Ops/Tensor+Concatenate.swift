extension Tensor {
    /// Joins `parts` along an existing `axis` (negative counts from the end), like
    /// `torch.cat(parts, dim: axis)`: every part has the same rank (≥ 1) and the same length on
    /// every other axis; the result's `axis` has length `Σ partₖ.shape[axis]`, parts in order.
    /// `[B, T, F₁] ⧺ [B, T, F₂]` on axis −1 gives `[B, T, F₁ + F₂]` (a BiLSTM's two directions);
    /// axis 0 appends rows. Parts of length 0 on `axis` are allowed. One part gives a copy.
    ///
    /// With `outer = ∏ shape[..<axis]` and `inner = ∏ shape[axis+1...]`, each part contributes
    /// one contiguous block of `partₖ.shape[axis]·inner` values per outer index, so the forward
    /// and backward passes are `outer × parts` `memcpy`s. `∂partₖ` is its block of `g`.
    public static func concatenate(_ parts: [Tensor], axis: Int = 0) -> Tensor {
        precondition(!parts.isEmpty, "concatenate: no tensors")
        let first = parts[0].shape
        precondition(!first.isEmpty, "concatenate: scalars have no axis to join (use stack)")
        let a = normalizedAxis(axis, rank: first.count, "concatenate")
        for part in parts {
            var expected = first, got = part.shape
            precondition(got.count == first.count, "concatenate: ranks differ, \(first) and \(part.shape)")
            expected[a] = 0; got[a] = 0
            precondition(expected == got, "concatenate: shapes \(first) and \(part.shape) differ off axis \(a)")
        }
        let outer = first[..<a].reduce(1, *), inner = first[(a + 1)...].reduce(1, *)
        let blocks = parts.map { $0.shape[a] * inner }
        var offsets: [Int] = [], total = 0
        for block in blocks { offsets.append(total); total += block }
        var shape = first
        shape[a] = parts.reduce(0) { $0 + $1.shape[a] }
        let y = makeBuffer(outer * total) { out in
            guard let z = out.baseAddress else { return }
            for (k, part) in parts.enumerated() {
                let (block, offset) = (blocks[k], offsets[k])
                part.data.withUnsafeBufferPointer { px in
                    guard let x = px.baseAddress else { return }
                    for o in 0..<outer { copyFloats(z + o * total + offset, x + o * block, block) }
                }
            }
        }
        return primitive(y, shape: shape, parents: parts) { g in
            g.withUnsafeBufferPointer { pg in
                guard let src = pg.baseAddress else { return }
                for (k, part) in parts.enumerated() where part.requiresGrad {
                    let (block, offset) = (blocks[k], offsets[k])
                    part.accumulateGrad(makeBuffer(outer * block) { out in
                        guard let z = out.baseAddress else { return }
                        for o in 0..<outer { copyFloats(z + o * block, src + o * total + offset, block) }
                    })
                }
            }
        }
    }

    /// Joins `parts`, all of one shape `s`, along a new `axis` in `0...s.count` (negative counts
    /// from the end of the result's axes), like `torch.stack`: stacking `T` tensors `[B, F]` on
    /// axis 1 gives `[B, T, F]`. Composite: each part reshaped with a length-1 `axis` (no copy),
    /// then ``concatenate(_:axis:)``.
    public static func stack(_ parts: [Tensor], axis: Int = 0) -> Tensor {
        precondition(!parts.isEmpty, "stack: no tensors")
        let shape = parts[0].shape
        precondition(parts.allSatisfy { $0.shape == shape }, "stack: shapes differ, \(parts.map(\.shape))")
        let a = normalizedAxis(axis, rank: shape.count + 1, "stack")
        var unit = shape
        unit.insert(1, at: a)
        return concatenate(parts.map { $0.reshaped(unit) }, axis: a)
    }
}
