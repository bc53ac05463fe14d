import DataIO
import Datasets
import Foundation
import Recipe
import Testing
@testable import Generators
import TestSupport

@Suite struct SolarPVGeneratorTests {
    struct Dataset {
        let folder: String
        let rows: [[Double]]      // id, day_of_year, slot, power; train then test
        let labels: [[String]]
        let episodes: [[String]]
        let windows: [[String]]
        let manifest: Manifest
    }

    static func generate(seed: UInt64? = nil, overrides: [String] = []) throws -> Dataset {
        let recipe = try RecipeLoader.load("solar-pv", overrides: overrides.map { try RecipeOverride(parsing: $0) }, seed: seed)
        let out = temporaryFolder() + "/data"
        let manifest = try DatasetGeneration.run(recipe, options: .init(destination: out, quiet: true))
        func numbers(_ file: String) throws -> [[Double]] { try readCSV(out + "/" + file).dropFirst().map { $0.map { Double($0)! } } }
        return Dataset(folder: out, rows: try numbers("train.csv") + numbers("test.csv"),
                       labels: Array(try readCSV(out + "/labels.csv").dropFirst()),
                       episodes: Array(try readCSV(out + "/episodes.csv").dropFirst()),
                       windows: Array(try readCSV(out + "/windows.csv").dropFirst()), manifest: manifest)
    }

    /// The default dataset, made once for the tests that only read it.
    static let standard = try! generate()

    @Test func curvesAreZeroAtNightAndPeakAtMidday() throws {
        let d = Self.standard
        #expect(d.rows.count == 365 * 96)
        #expect(d.rows.map { Int($0[0]) } == Array(0..<(365 * 96)))
        var peakSlots: [Int] = []
        for day in 0..<300 {
            let power = (0..<96).map { d.rows[day * 96 + $0][3] }
            // Night: before 4:00 and after 20:00 the sun is down all year (12 ± 4 hours of daylight).
            #expect(power[0..<16].allSatisfy { $0 == 0 } && power[80...].allSatisfy { $0 == 0 }, "day \(day)")
            #expect(power.allSatisfy { $0 >= 0 })
            peakSlots.append(power.indices.max { power[$0] < power[$1] }!)
        }
        let meanPeak = Double(peakSlots.reduce(0, +)) / Double(peakSlots.count)
        #expect(abs(meanPeak - 47.5) < 2, "mean peak slot \(meanPeak)")
        // Seasons: midsummer days make more energy than midwinter days.
        func energy(_ day: Int) -> Double { (0..<96).reduce(0) { $0 + d.rows[day * 96 + $1][3] } }
        #expect((160..<185).map(energy).reduce(0, +) > 1.8 * (0..<25).map(energy).reduce(0, +))
    }

    @Test func episodesAreLabelledWhereTheyAre() throws {
        let d = Self.standard
        #expect(d.episodes.count == 20)
        var kinds: [String: Int] = [:]
        for e in d.episodes { kinds[e[2], default: 0] += 1 }
        #expect(kinds == ["cloudy_day": 4, "snow_day": 4, "spike": 4, "inverter_fault": 4, "shading": 4])
        var labelled = Set<Int>()
        for e in d.episodes {
            let (first, last) = (Int(e[3])!, Int(e[4])!)
            #expect(Int(e[1])! >= 300, "episodes are in the test days")
            #expect(first / 96 == Int(e[1])! && last / 96 == Int(e[1])!)
            for id in first...last {
                labelled.insert(id)
                #expect(d.labels[id][2] == "1" && d.labels[id][3] == e[2])
            }
            let day = Int(e[1])!
            let power = (0..<96).map { d.rows[day * 96 + $0][3] }
            switch e[2] {
            case "spike": #expect(first == last && d.rows[first][3] >= 7.5)
            case "snow_day": #expect(power.max()! < 0.2)
            case "inverter_fault": #expect((first...last).allSatisfy { d.rows[$0][3] <= 0.4 * 5 + 1e-9 }); #expect(last - first + 1 >= 8 || last / 96 != (last + 1) / 96)
            case "shading": #expect((2...4).contains(last - first + 1))
            default: break
            }
        }
        // No label outside the episodes.
        #expect(d.labels.indices.filter { d.labels[$0][2] == "1" } == labelled.sorted())
    }

    @Test func windowsFollowLengthAndStrideWithinEachSplit() throws {
        let d = try Self.generate(overrides: ["generator.windows={length: 96, stride: 48}"])
        let train = d.windows.filter { $0[1] == "train" }, test = d.windows.filter { $0[1] == "test" }
        #expect(train.count == (300 * 96 - 96) / 48 + 1)
        #expect(test.count == (65 * 96 - 96) / 48 + 1)
        for w in d.windows {
            let (first, last) = (Int(w[2])!, Int(w[3])!)
            #expect(last - first + 1 == 96)
            let anomalous = (first...last).contains { d.labels[$0][2] == "1" }
            #expect((w[4] == "1") == anomalous)
        }
        #expect(Int(test[0][2]) == 300 * 96)
    }

    @Test func sameSeedSameBytesOtherSeedOtherBytes() throws {
        let a = try Self.generate(seed: 4, overrides: ["generator.days={train: 30, test: 20}", "generator.anomalies.count=5"])
        let b = try Self.generate(seed: 4, overrides: ["generator.days={train: 30, test: 20}", "generator.anomalies.count=5"])
        let c = try Self.generate(seed: 5, overrides: ["generator.days={train: 30, test: 20}", "generator.anomalies.count=5"])
        #expect(a.manifest.files == b.manifest.files)
        #expect(a.manifest.files["train.csv"] != c.manifest.files["train.csv"])
    }

    @Test func goldenChecksums() throws {
        let golden = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: fixture("golden/solar-pv.json")))) as! [String: Any]
        let d = golden["seed"] as! Int == 1 ? Self.standard : try Self.generate(seed: UInt64(golden["seed"] as! Int))
        #expect(d.manifest.files.mapValues(\.sha256) == golden["files"] as! [String: String])
    }
}
