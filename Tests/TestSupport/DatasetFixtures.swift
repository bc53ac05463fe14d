import Datasets
import Foundation
import TestSupport

/// A small dataset folder written by hand: 2 numeric columns, 1 categorical (3 values), 1
/// multi-categorical (ids 0..<4); train rows normal, test rows with 2 anomalies at the end.
public func smallDataset() -> String {
    let folder = temporaryFolder(prefix: "toolkit-detectors-")
    try! writeManifest(to: folder, columns: [.numeric("a"), .numeric("b"), .categorical("c", cardinality: 3),
                                             ColumnSchema(name: "m", type: .multiCategorical, cardinality: 4)])
    var train = "id,a,b,c,m\n"
    for i in 0..<40 { train += "\(i),\(Double(i % 5)),\(Double(i % 7) * 0.5),\(i % 3),\(i % 4) \((i + 1) % 4)\n" }
    var test = "id,a,b,c,m\n"
    for i in 40..<58 { test += "\(i),\(Double(i % 5)),\(Double(i % 7) * 0.5),\(i % 3),\(i % 4)\n" }
    test += "58,40,-30,1,0 0 0 0\n59,-25,44,2,\n"
    try! train.write(toFile: folder + "/train.csv", atomically: false, encoding: .utf8)
    try! test.write(toFile: folder + "/test.csv", atomically: false, encoding: .utf8)
    return folder
}

/// A small sequence dataset folder written by hand, as `solar-pv` lays one out, with ids that
/// are not row positions: columns `power`, `temp` (numeric) and `state` (categorical); train =
/// 48 readings (ids 1000, 1010, …) in 12 windows of 4 (stride 4), normal; test = 26 readings
/// (ids "t0", "t1", …) in 11 windows of 4 at stride 2, readings 24 and 25 covered by none; a
/// jump in test readings 10-13 (windows 4, 5, 6 labelled 1). The manifest names `power` as the
/// series values column unless `seriesValues` is nil; `windows` replaces the windows.csv text.
public func sequenceDataset(seriesValues: String? = "power", windows: String? = nil) -> String {
    let folder = temporaryFolder(prefix: "toolkit-windows-")
    try! writeManifest(to: folder, columns: [.numeric("power"), .numeric("temp"), .categorical("state", cardinality: 2)],
                       evaluation: seriesValues.map { "{cutoffs: [youden], series: {window: auto, values: \($0)}}" })
    func power(_ i: Int) -> Double { Double(1 + i % 2) + Double(i * 7 % 5) / 10 }   // period 2, a little wobble
    var train = "id,power,temp,state\n", test = "id,power,temp,state\n", labels = "id,split,label,kind\n"
    for i in 0..<48 {
        train += "\(1000 + 10 * i),\(power(i)),\(20 + i % 3),\(i % 2)\n"
        labels += "\(1000 + 10 * i),train,0,\n"
    }
    for i in 0..<26 {
        let anomalous = (10...13).contains(i)
        test += "t\(i),\(anomalous ? 40 : power(i)),\(20 + i % 3),\(i % 2)\n"
        labels += "t\(i),test,\(anomalous ? 1 : 0),\(anomalous ? "jump" : "")\n"
    }
    var index = "window,split,first_id,last_id,label,kind\n"
    for w in 0..<12 { index += "\(w),train,\(1000 + 40 * w),\(1030 + 40 * w),0,\n" }
    for w in 0..<11 {
        let anomalous = (4...6).contains(w)
        index += "\(w),test,t\(2 * w),t\(2 * w + 3),\(anomalous ? 1 : 0),\(anomalous ? "jump" : "")\n"
    }
    try! train.write(toFile: folder + "/train.csv", atomically: false, encoding: .utf8)
    try! test.write(toFile: folder + "/test.csv", atomically: false, encoding: .utf8)
    try! labels.write(toFile: folder + "/labels.csv", atomically: false, encoding: .utf8)
    try! (windows ?? index).write(toFile: folder + "/windows.csv", atomically: false, encoding: .utf8)
    return folder
}

/// A small dataset folder of ids: a categorical column `c` (values 0..<4 stepping with the row)
/// and a multi-valued column `m` (the row's two neighbouring values), blocks of `blockSize` in
/// the manifest's recipe; train = 60 rows (ids 0..<60), test = 25 rows (ids 60..<85).
public func categoricalDataset(blockSize: Int) -> String {
    let folder = temporaryFolder(prefix: "toolkit-ids-")
    try! writeManifest(to: folder, columns: [.categorical("c", cardinality: 4), ColumnSchema(name: "m", type: .multiCategorical, cardinality: 4)],
                       blockSize: blockSize)
    var train = "id,c,m\n", test = "id,c,m\n"
    for i in 0..<85 {
        let line = "\(i),\(i % 4),\((i + 1) % 4) \((i + 3) % 4)\n"
        if i < 60 { train += line } else { test += line }
    }
    try! train.write(toFile: folder + "/train.csv", atomically: false, encoding: .utf8)
    try! test.write(toFile: folder + "/test.csv", atomically: false, encoding: .utf8)
    return folder
}

/// A numeric dataset folder written by hand (columns `x` numeric, `flag` indicator, `y`
/// numeric; 60 training and 30 test rows, the last two test rows far off), with the rows of
/// each split in the manifest's `counts` unless `counts` is false.
public func numericDataset(counts: Bool = true) -> String {
    let folder = temporaryFolder(prefix: "toolkit-numeric-")
    try! writeManifest(to: folder, columns: [.numeric("x"), ColumnSchema(name: "flag", type: .indicator), .numeric("y")],
                       rows: counts ? ["train": 60, "test": 30] : [:])
    var train = "id,y,x,flag\n", test = "id,y,x,flag\n"
    for i in 0..<60 { train += "\(i),\(Double(i % 9) * 0.25 - 1),\(Double(i % 5) + 0.5),\(i % 2)\n" }
    for i in 60..<88 { test += "\(i),\(Double(i % 9) * 0.25 - 1),\(Double(i % 5) + 0.5),\(i % 2)\n" }
    test += "88,30.5,-20,1\n89,-25,44,0\n"
    try! train.write(toFile: folder + "/train.csv", atomically: false, encoding: .utf8)
    try! test.write(toFile: folder + "/test.csv", atomically: false, encoding: .utf8)
    return folder
}
