import Foundation
import Randomness

/// The users: how active each is, when in the day, and their persistent preferences, which
/// drift from day to day.
///
/// - activity: log-normal (σ = 1) weights; a user's share of requests is proportional to it;
///   the top tenth are heavy users (tier 2: longer histories), the next 40% tier 1, the rest tier 0;
/// - day part: each user prefers one quarter of the day (night, morning, afternoon, evening) and
///   is 3 times as likely to make a request in it as otherwise;
/// - preferences: 3 favourite categories (by popularity), 5 favourite brands (with probability
///   `preference` at home in a favourite category, else by popularity) and 4 followed shops
///   (with probability `preference` a shop of a favourite brand, else by popularity);
/// - drift: at the start of each day after the first, every preference is redrawn (as above) with
///   probability `drift`, users and slots in order, from block d of the counter stream `drift`,
///   so the preferences of day d can be rebuilt by replaying days 1...d.
struct UserPopulation {
    static let categorySlots = 3, brandSlots = 5, shopSlots = 4

    let count: Int
    let tier: [UInt8]
    /// Per quarter of the day: who makes a request.
    let requesters: [AliasTable]
    private(set) var categories: [Int32]
    private(set) var brands: [Int32]
    private(set) var shops: [Int32]
    /// The day the preferences are those of.
    private(set) var day = 0
    let preference: Double
    let drift: Double
    let driftStream: CounterStream

    init(count: Int, preference: Double, drift: Double, catalogue: Catalogue,
         generator g: inout Xoshiro256StarStar, driftStream: CounterStream) {
        self.count = count
        self.preference = preference
        self.drift = drift
        self.driftStream = driftStream
        var activity = [Double](repeating: 0, count: count)
        var part = [UInt8](repeating: 0, count: count)
        for u in 0..<count {
            activity[u] = exp(g.standardNormal())
            part[u] = UInt8(g.uniformInt(below: 4))
        }
        let sorted = activity.sorted()
        let heavy = sorted[min(count - 1, count * 9 / 10)], middle = sorted[min(count - 1, count / 2)]
        tier = activity.map { $0 >= heavy ? 2 : $0 >= middle ? 1 : 0 }
        requesters = (0..<4).map { q in
            AliasTable(weights: (0..<count).map { activity[$0] * (part[$0] == UInt8(q) ? 3 : 1) })
        }
        categories = [Int32](repeating: 0, count: count * UserPopulation.categorySlots)
        brands = [Int32](repeating: 0, count: count * UserPopulation.brandSlots)
        shops = [Int32](repeating: 0, count: count * UserPopulation.shopSlots)
        for u in 0..<count {
            for k in 0..<UserPopulation.categorySlots { categories[u * UserPopulation.categorySlots + k] = Int32(catalogue.popularCategory(&g)) }
            for k in 0..<UserPopulation.brandSlots { brands[u * UserPopulation.brandSlots + k] = Int32(drawBrand(u, catalogue, &g)) }
            for k in 0..<UserPopulation.shopSlots { shops[u * UserPopulation.shopSlots + k] = Int32(drawShop(u, catalogue, &g)) }
        }
    }

    private func drawBrand<G: RandomNumberGenerator>(_ u: Int, _ catalogue: Catalogue, _ g: inout G) -> Int {
        if g.uniformUnit() < preference {
            return catalogue.brand(inCategory: Int(favouriteCategory(u, g.uniformInt(below: UserPopulation.categorySlots))), &g)
        }
        return catalogue.popularBrand(&g)
    }

    private func drawShop<G: RandomNumberGenerator>(_ u: Int, _ catalogue: Catalogue, _ g: inout G) -> Int {
        if g.uniformUnit() < preference {
            let b = Int(favouriteBrand(u, g.uniformInt(below: UserPopulation.brandSlots)))
            return Int(catalogue.brandShops[2 * b + g.uniformInt(below: 2)])
        }
        return catalogue.popularShop(&g)
    }

    @inline(__always) func favouriteCategory(_ u: Int, _ k: Int) -> Int32 { categories[u * UserPopulation.categorySlots + k] }
    @inline(__always) func favouriteBrand(_ u: Int, _ k: Int) -> Int32 { brands[u * UserPopulation.brandSlots + k] }
    @inline(__always) func followedShop(_ u: Int, _ k: Int) -> Int32 { shops[u * UserPopulation.shopSlots + k] }

    /// Moves the preferences forward to day `target` (≥ the current day).
    mutating func advance(to target: Int, catalogue: Catalogue) {
        while day < target {
            day += 1
            guard drift > 0 else { continue }
            var g = driftStream.generator(at: day)
            for u in 0..<count {
                for k in 0..<UserPopulation.categorySlots where g.uniformUnit() < drift {
                    categories[u * UserPopulation.categorySlots + k] = Int32(catalogue.popularCategory(&g))
                }
                for k in 0..<UserPopulation.brandSlots where g.uniformUnit() < drift {
                    brands[u * UserPopulation.brandSlots + k] = Int32(drawBrand(u, catalogue, &g))
                }
                for k in 0..<UserPopulation.shopSlots where g.uniformUnit() < drift {
                    shops[u * UserPopulation.shopSlots + k] = Int32(drawShop(u, catalogue, &g))
                }
            }
        }
    }
}
