import Datasets
/// Cell edits the injected anomaly kinds make on a table in place.
extension Table.Column {
    var cardinality: Int {
        if case .categorical(_, let values) = data { return values.count }
        return 0
    }

    func number(_ row: Int) -> Double {
        if case .numeric(let v) = data { return v[row] }
        return 0
    }

    func code(_ row: Int) -> Int32 {
        if case .categorical(let c, _) = data { return c[row] }
        return 0
    }

    mutating func setNumber(_ value: Double, _ row: Int) {
        if case .numeric(var v) = data {
            data = .numeric([])  // release the enum's reference so the array is mutated in place
            v[row] = value
            data = .numeric(v)
        }
    }

    mutating func setCode(_ value: Int32, _ row: Int) {
        if case .categorical(var c, let values) = data {
            data = .numeric([])
            c[row] = value
            data = .categorical(codes: c, values: values)
        }
    }

    mutating func copyValue(from source: Int, to row: Int) {
        switch data {
        case .numeric(let v): setNumber(v[source], row)
        case .categorical(let c, _): setCode(c[source], row)
        }
    }

    /// Adds a value to a categorical column; returns its code.
    mutating func appendValue(_ value: String) -> Int32 {
        guard case .categorical(let c, var values) = data else { return 0 }
        values.append(value)
        data = .categorical(codes: c, values: values)
        return Int32(values.count - 1)
    }
}
