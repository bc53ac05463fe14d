import Tensor
import Testing
import TestSupport

@Suite struct WeightEMATests {
    @Test func averagesAndSwaps() {
        let p = Tensor([0, 10], shape: [2], requiresGrad: true)
        let ema = WeightEMA([p], decay: 0.9)
        p.data = [1, 0]
        ema.update()                    // 0.9·[0, 10] + 0.1·[1, 0]
        expectClose(ema.shadow[0], [0.1, 9])
        ema.swap()
        expectClose(p.data, [0.1, 9])
        ema.swap()
        expectClose(p.data, [1, 0])
    }
}
