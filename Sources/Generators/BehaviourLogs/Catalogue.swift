import Randomness
import Recipe

/// The shop's catalogue (built once, from the stream `catalogue`): categories, brands, shops,
/// items and search queries, each ranked by popularity (a smaller index is more popular), and how
/// they belong together.
///
/// - every brand has a home category (power law over categories) and sells in 2 shops (power
///   law over shops);
/// - every item belongs to a brand (power law over brands, so popular brands have many items),
///   to its brand's home category with probability 0.85 (else a category by popularity), and to
///   one of its brand's shops; within a brand, items are ranked by popularity in id order;
/// - every query is about a category (power law over categories).
///
/// Ids are global, one range per entity (``Offsets``), so the 8 attributes share one vocabulary
/// as in the AMAD paper (whose "dimension" counts distinct ids over all attributes).
struct Catalogue: Sendable {
    struct Offsets: Sendable {
        let items: Int32, brands: Int32, categories: Int32, shops: Int32, queries: Int32, total: Int
        init(_ v: BehaviourLogsSpec.Vocabulary) {
            items = 0
            brands = Int32(v.items)
            categories = brands + Int32(v.brands)
            shops = categories + Int32(v.categories)
            queries = shops + Int32(v.shops)
            total = v.total
        }
    }

    let vocabulary: BehaviourLogsSpec.Vocabulary
    let offsets: Offsets
    let law: PowerLaw
    let spans: (brands: Double, categories: Double, shops: Double, queries: Double)
    let brandCategory: [Int32]
    let brandShops: [Int32]          // 2 per brand
    let itemBrand: [Int32]
    let itemCategory: [Int32]
    let itemShop: [Int32]
    /// Items of brand b: brandItems[brandStart[b] ..< brandStart[b + 1]], most popular first.
    let brandStart: [Int32]
    let brandItems: [Int32]
    let brandSpan: [Double]
    /// Brands whose home is category c, most popular first.
    let categoryStart: [Int32]
    let categoryBrands: [Int32]
    let categoryBrandSpan: [Double]
    /// Queries about category c, most popular first.
    let queryStart: [Int32]
    let categoryQueries: [Int32]
    let categoryQuerySpan: [Double]

    init(spec: BehaviourLogsSpec, generator g: inout Xoshiro256StarStar) {
        let v = spec.vocabulary
        vocabulary = v
        offsets = Offsets(v)
        law = PowerLaw(exponent: spec.popularity)
        spans = (law.span(v.brands), law.span(v.categories), law.span(v.shops), law.span(v.queries))
        var brandCategory = [Int32](repeating: 0, count: v.brands)
        var brandShops = [Int32](repeating: 0, count: 2 * v.brands)
        for b in 0..<v.brands {
            brandCategory[b] = Int32(law.rank(v.categories, span: spans.categories, using: &g))
            brandShops[2 * b] = Int32(law.rank(v.shops, span: spans.shops, using: &g))
            brandShops[2 * b + 1] = Int32(law.rank(v.shops, span: spans.shops, using: &g))
        }
        var itemBrand = [Int32](repeating: 0, count: v.items)
        var itemCategory = [Int32](repeating: 0, count: v.items)
        var itemShop = [Int32](repeating: 0, count: v.items)
        for i in 0..<v.items {
            let b = law.rank(v.brands, span: spans.brands, using: &g)
            itemBrand[i] = Int32(b)
            itemCategory[i] = g.uniformUnit() < 0.85 ? brandCategory[b] : Int32(law.rank(v.categories, span: spans.categories, using: &g))
            itemShop[i] = brandShops[2 * b + g.uniformInt(below: 2)]
        }
        (brandStart, brandItems) = Catalogue.group(itemBrand, groups: v.brands)
        (categoryStart, categoryBrands) = Catalogue.group(brandCategory, groups: v.categories)
        var queryCategory = [Int32](repeating: 0, count: v.queries)
        for q in 0..<v.queries { queryCategory[q] = Int32(law.rank(v.categories, span: spans.categories, using: &g)) }
        (queryStart, categoryQueries) = Catalogue.group(queryCategory, groups: v.categories)
        let law = self.law
        brandSpan = (0..<v.brands).map { [brandStart] in law.span(Int(brandStart[$0 + 1] - brandStart[$0])) }
        categoryBrandSpan = (0..<v.categories).map { [categoryStart] in law.span(Int(categoryStart[$0 + 1] - categoryStart[$0])) }
        categoryQuerySpan = (0..<v.categories).map { [queryStart] in law.span(Int(queryStart[$0 + 1] - queryStart[$0])) }
        self.brandCategory = brandCategory
        self.brandShops = brandShops
        self.itemBrand = itemBrand
        self.itemCategory = itemCategory
        self.itemShop = itemShop
    }

    /// Members grouped by their group (a counting sort: members of a group in index order).
    static func group(_ groupOf: [Int32], groups: Int) -> (start: [Int32], members: [Int32]) {
        var start = [Int32](repeating: 0, count: groups + 1)
        for g in groupOf { start[Int(g) + 1] += 1 }
        for i in 0..<groups { start[i + 1] += start[i] }
        var fill = start
        var members = [Int32](repeating: 0, count: groupOf.count)
        for (m, g) in groupOf.enumerated() {
            members[Int(fill[Int(g)])] = Int32(m)
            fill[Int(g)] += 1
        }
        return (start, members)
    }

    // MARK: Draws (entity indices, not global ids)

    @inline(__always) func popularBrand<G: RandomNumberGenerator>(_ g: inout G) -> Int {
        law.rank(vocabulary.brands, span: spans.brands, using: &g)
    }

    @inline(__always) func popularCategory<G: RandomNumberGenerator>(_ g: inout G) -> Int {
        law.rank(vocabulary.categories, span: spans.categories, using: &g)
    }

    @inline(__always) func popularShop<G: RandomNumberGenerator>(_ g: inout G) -> Int {
        law.rank(vocabulary.shops, span: spans.shops, using: &g)
    }

    /// An item of brand b by popularity within the brand (a popular item if the brand has none).
    @inline(__always) func item<G: RandomNumberGenerator>(ofBrand b: Int, _ g: inout G) -> Int {
        let lo = Int(brandStart[b]), n = Int(brandStart[b + 1]) - lo
        if n == 0 { return popularItem(&g) }
        return Int(brandItems[lo + law.rank(n, span: brandSpan[b], using: &g)])
    }

    /// A popular item: a brand by popularity, then an item of it.
    @inline(__always) func popularItem<G: RandomNumberGenerator>(_ g: inout G) -> Int {
        for _ in 0..<8 {
            let b = popularBrand(&g)
            let lo = Int(brandStart[b]), n = Int(brandStart[b + 1]) - lo
            if n > 0 { return Int(brandItems[lo + law.rank(n, span: brandSpan[b], using: &g)]) }
        }
        return g.uniformInt(below: vocabulary.items)
    }

    /// A brand at home in category c (a popular brand if none is).
    @inline(__always) func brand<G: RandomNumberGenerator>(inCategory c: Int, _ g: inout G) -> Int {
        let lo = Int(categoryStart[c]), n = Int(categoryStart[c + 1]) - lo
        if n == 0 { return popularBrand(&g) }
        return Int(categoryBrands[lo + law.rank(n, span: categoryBrandSpan[c], using: &g)])
    }

    /// A query about category c (a popular query if there is none).
    @inline(__always) func query<G: RandomNumberGenerator>(about c: Int, _ g: inout G) -> Int {
        let lo = Int(queryStart[c]), n = Int(queryStart[c + 1]) - lo
        if n == 0 { return law.rank(vocabulary.queries, span: spans.queries, using: &g) }
        return Int(categoryQueries[lo + law.rank(n, span: categoryQuerySpan[c], using: &g)])
    }
}
