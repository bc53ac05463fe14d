import DataIO

/// How a dataset's files are stored.
public enum DatasetFormat: String, Sendable, CaseIterable {
    /// `train.csv`, `test.csv`, `labels.csv`.
    case csv
    /// The same, gzip-compressed through libarchive (`*.csv.gz`).
    case csvGz = "csv.gz"
    /// `train.npy`, `test.npy` (float64 matrices) and `train_labels.npy`, `test_labels.npy` (int8),
    /// loadable with `numpy.load`, beside `labels.csv` (ids, kinds, blocks).
    case npy

    var compression: OutputCompression { self == .csvGz ? .gzip : .none }
}
