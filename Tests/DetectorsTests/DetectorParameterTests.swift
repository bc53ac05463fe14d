import DataIO
import Testing
@testable import Detectors

@Suite struct DetectorParameterTests {
    /// The message of the error reading `text` as `parameter` for detector `x`.
    func message<Value>(_ parameter: DetectorParameter<Value>, _ text: String) -> String? {
        var p = DetectorParameters(detector: "x", values: [parameter.name: text])
        do {
            _ = try p.value(parameter)
            return nil
        } catch let error as DataError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    func read<Value>(_ parameter: DetectorParameter<Value>, _ text: String? = nil) throws -> Value {
        var p = DetectorParameters(detector: "x", values: text.map { [parameter.name: $0] } ?? [:])
        return try p.value(parameter)
    }

    @Test func integersAndTheirRange() throws {
        let trees = DetectorParameter(integer: "trees", default: 100, range: 1...100_000, help: "number of trees")
        #expect(try read(trees) == 100)
        #expect(try read(trees, "7") == 7)
        #expect(trees.info == ParameterInfo("trees", "100", "number of trees"))
        #expect(message(trees, "0") == "x: --param trees=0: expected an integer in 1...100000")
        #expect(message(trees, "many") == "x: --param trees=many: expected an integer in 1...100000")
        let open = DetectorParameter(integer: "samples", default: 256, range: 2...Int.max, help: "")
        #expect(message(open, "1") == "x: --param samples=1: expected an integer in 2...")
    }

    @Test func numbersAreShownAsWritten() throws {
        let lr = DetectorParameter(number: "lr", default: 1e-3, range: 1e-9...10, help: "")
        #expect(lr.shownDefault == "0.001")
        #expect(try read(lr) == 1e-3)
        #expect(try read(lr, "0.5") == 0.5)
        #expect(DetectorParameter(number: "beta", default: 10, range: 0...1e9, help: "").shownDefault == "10")
        #expect(DetectorParameter(number: "reg", default: 1e-6, range: 0...1, help: "").shownDefault == "1e-06")
        #expect(DetectorParameter(number: "lr", default: 1e-5, range: 0...1, shown: "0.00001", help: "").shownDefault == "0.00001")
        #expect(message(lr, "20") == "x: --param lr=20: expected a number in [1e-09, 10.0]")
        #expect(message(lr, "nan") == "x: --param lr=nan: expected a number in [1e-09, 10.0]")
    }

    @Test func choicesStandForValues() throws {
        let method = DetectorParameter(choice: "method", default: "largest", among: ["largest", "mean"], help: "")
        #expect(try read(method) == "largest")
        #expect(try read(method, "mean") == "mean")
        #expect(message(method, "median") == "x: --param method=median: expected one of largest, mean")
        let loss = DetectorParameter(choice: "loss", default: false, among: [("sum", false), ("mean", true)], help: "")
        #expect(loss.shownDefault == "sum")
        #expect(try read(loss, "mean") == true)
        let flag = DetectorParameter(flag: "dzz", default: true, help: "")
        #expect(flag.shownDefault == "true")
        #expect(try read(flag, "false") == false)
        #expect(message(flag, "yes") == "x: --param dzz=yes: expected one of true, false")
        let score = DetectorParameter(choice: "score", default: ALADDetector.Score.fm, help: "")
        #expect(score.shownDefault == "fm")
        #expect(try read(score, "l2") == .l2)
        #expect(message(score, "l3") == "x: --param score=l3: expected one of fm, l1, l2, ch")
    }

    @Test func integersOrAWord() throws {
        let components = DetectorParameter(integer: "components", or: "auto", range: 1...Int.max,
                                           expected: "a positive integer or auto", help: "")
        #expect(components.shownDefault == "auto")
        #expect(try read(components) == nil)
        #expect(try read(components, "auto") == nil)
        #expect(try read(components, "3") == 3)
        #expect(message(components, "0") == "x: --param components=0: expected a positive integer or auto")
        let latent = DetectorParameter(integer: "latent", or: "auto", range: 1...100_000, help: "")
        #expect(message(latent, "0") == "x: --param latent=0: expected an integer in 1...100000")
    }

    @Test func layerSizes() throws {
        let hidden = DetectorParameter(layers: "hidden", default: [64, 32], help: "")
        #expect(hidden.shownDefault == "64,32")
        #expect(try read(hidden) == [64, 32])
        #expect(try read(hidden, "8,4,2") == [8, 4, 2])
        #expect(try read(hidden, "65536") == [65_536])
        // An empty size, and sizes no layer could allocate (they overflowed before).
        for bad in ["", "8,0", "8,x", ",", "64,,32", "65537", "9223372036854775807", "100000000000"] {
            #expect(message(hidden, bad) == "x: --param hidden=\(bad): expected comma-separated layer sizes from 1 to 65536 such as 64,32")
        }
    }

    /// Every listed parameter of every detector is read by its `make`, and its shown default
    /// is a value the parameter takes.
    @Test func everyDetectorTakesItsShownDefaults() throws {
        for info in DetectorRegistry.all {
            var given = DetectorParameters(detector: info.name,
                                           values: Dictionary(uniqueKeysWithValues: info.parameters.map { ($0.name, $0.defaultValue) }))
            _ = try info.make(&given)
            try given.checkAllUsed(known: [])
        }
    }
}
