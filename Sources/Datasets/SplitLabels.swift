import DataIO

/// The rows of one split in a dataset's `labels.csv` (or `.csv.gz`): ids in file order, which
/// is the split's row order, and labels (1 = anomaly). What the detectors need of the labels:
/// a `--format npy` split's ids, and the training labels a fit summary reports. (The evaluator
/// reads label files of any origin with its own checks: `Evaluation/LabelFile.swift`.)
public struct SplitLabels: Sendable {
    public let ids: [String]
    public let labels: [Bool]

    /// Reads the rows of `split`; nil when the folder has no label file.
    public static func read(_ dataset: DatasetFolder, split: String, verify: Bool) throws -> SplitLabels? {
        guard let path = dataset.labelFile() else { return nil }
        if verify { try dataset.verify(path) }
        var ids: [String] = [], labels: [Bool] = []
        var idField = 0, splitField = 0, labelField = 0, width = 0
        let wanted = Array(split.utf8)
        try CSVReader(path: path).forEachRecord { record in
            if width == 0 {
                let header = (0..<record.count).map { record.string($0) }
                guard let id = header.firstIndex(of: "id"), let s = header.firstIndex(of: "split"),
                      let label = header.firstIndex(of: "label") else {
                    throw DataError(.badHeader, file: path, line: record.line, "expected 'id', 'split' and 'label' columns")
                }
                (idField, splitField, labelField, width) = (id, s, label, header.count)
                return
            }
            guard record.count == width else {
                throw DataError(.badRow, file: path, line: record.line, "expected \(width) fields, found \(record.count)")
            }
            guard record.field(splitField).elementsEqual(wanted) else { return }
            ids.append(record.string(idField))
            labels.append(record.field(labelField).elementsEqual([UInt8(ascii: "1")]))
        }
        return SplitLabels(ids: ids, labels: labels)
    }

    /// The label of each of `ids`, in that order; nil when one of them is not in the split.
    public func labels(of ids: [String]) -> [Bool]? {
        var byId: [String: Bool] = [:]
        byId.reserveCapacity(self.ids.count)
        for (id, label) in zip(self.ids, labels) { byId[id] = label }
        var out: [Bool] = []
        out.reserveCapacity(ids.count)
        for id in ids {
            guard let label = byId[id] else { return nil }
            out.append(label)
        }
        return out
    }
}
