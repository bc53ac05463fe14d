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
    /// The AMAD authors' line format (`pkumc/AMAD`, `loadData.py`): `train.txt`, `test.txt`, one
    /// line per row, `LABEL ATTR1 ATTR2 ...` separated by single spaces, the ids of a
    /// multi-valued attribute separated by commas. As that loader reads it: the label is `1` for
    /// a normal row and `0` for an anomaly (the opposite of `labels.csv`), and id 0 is its padding,
    /// so every id is written plus one and an empty attribute is written `0`. Categorical and
    /// multi-valued columns only; `labels.csv` is written beside as usual.
    case amad

    var compression: OutputCompression { self == .csvGz ? .gzip : .none }

    /// The feature file of a split in this format (before any compression suffix).
    func featureFileName(_ split: Split) -> String {
        switch self {
        case .amad: return "\(split.rawValue).txt"
        case .npy: return "\(split.rawValue).npy"
        default: return split.fileName
        }
    }
}
