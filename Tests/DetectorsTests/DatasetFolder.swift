import Foundation

/// A small dataset folder written by hand: 2 numeric columns, 1 categorical (3 values), 1
/// multi-categorical (ids 0..<4); train rows normal, test rows with 2 anomalies at the end.
func smallDataset() -> String {
    let folder = NSTemporaryDirectory() + "toolkit-detectors-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let manifest = """
        {"columns": [{"name": "a", "type": "numeric"}, {"name": "b", "type": "numeric"},
                     {"name": "c", "type": "categorical", "cardinality": 3},
                     {"name": "m", "type": "multi_categorical", "cardinality": 4}], "format": "csv"}
        """
    try! manifest.write(toFile: folder + "/manifest.json", atomically: true, encoding: .utf8)
    var train = "id,a,b,c,m\n"
    for i in 0..<40 { train += "\(i),\(Double(i % 5)),\(Double(i % 7) * 0.5),\(i % 3),\(i % 4) \((i + 1) % 4)\n" }
    var test = "id,a,b,c,m\n"
    for i in 40..<58 { test += "\(i),\(Double(i % 5)),\(Double(i % 7) * 0.5),\(i % 3),\(i % 4)\n" }
    test += "58,40,-30,1,0 0 0 0\n59,-25,44,2,\n"
    try! train.write(toFile: folder + "/train.csv", atomically: true, encoding: .utf8)
    try! test.write(toFile: folder + "/test.csv", atomically: true, encoding: .utf8)
    return folder
}
