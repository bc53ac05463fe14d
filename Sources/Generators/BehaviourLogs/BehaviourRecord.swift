import Randomness

/// One impression record: 8 attributes, each a set of global ids (no id twice in an attribute;
/// order = order of first drawing). The attributes, in column order:
///
/// | column | ids | what the user did |
/// |---|---|---|
/// | `clicked_items_3d` | items | items clicked in the past 3 days |
/// | `cart_items` | items | items in the shopping cart now |
/// | `fav_brands_7d` | brands | brands the user favoured in the past week |
/// | `purchased_categories_30d` | categories | categories bought from in the past 30 days |
/// | `visited_shops_7d` | shops | shops visited in the past week |
/// | `followed_shops` | shops | shops the user follows |
/// | `searched_queries_3d` | queries | search queries of the past 3 days |
/// | `viewed_categories_1d` | categories | categories browsed today |
struct BehaviourRecord {
    static let names = ["clicked_items_3d", "cart_items", "fav_brands_7d", "purchased_categories_30d",
                        "visited_shops_7d", "followed_shops", "searched_queries_3d", "viewed_categories_1d"]
    static let count = 8
    /// Indices of the attributes a user profile holds (long windows: `misjoined_profile`).
    static let profileAttributes = [2, 3, 4, 5]

    enum Entity { case items, brands, categories, shops, queries }
    static let entities: [Entity] = [.items, .items, .brands, .categories, .shops, .shops, .queries, .categories]

    var lists: [[Int32]] = Array(repeating: [], count: BehaviourRecord.count)

    init() {
        for i in 0..<BehaviourRecord.count { lists[i].reserveCapacity(32) }
    }

    mutating func clear() {
        for i in 0..<BehaviourRecord.count { lists[i].removeAll(keepingCapacity: true) }
    }

    /// Adds `id` to attribute `a` unless it is there already.
    @inline(__always)
    mutating func add(_ a: Int, _ id: Int32) {
        if !lists[a].contains(id) { lists[a].append(id) }
    }

    var totalLength: Int { lists.reduce(0) { $0 + $1.count } }
}

/// Builds a user's record for one request, from the day's history (a generator that depends only
/// on the user and the day, so every request of a user on a day shares it) and the session (the
/// request's own draws: what the user is browsing now, around the session's intent category).
/// The coupling is the point: clicked items come mostly from favourite brands, the cart from the
/// clicked items, favourite brands include the clicked items' brands, visited shops are the
/// clicked items' shops, queries and viewed categories follow favourite and intent categories.
struct RecordBuilder {
    let catalogue: Catalogue
    let preference: Double

    func build<G: RandomNumberGenerator>(user u: Int, intent: Int, users: UserPopulation,
                                         history h: inout Xoshiro256StarStar, session g: inout G,
                                         into record: inout BehaviourRecord) {
        record.clear()
        let c = catalogue, o = catalogue.offsets
        let tier = Int(users.tier[u])
        let p = preference
        // 0 clicked_items_3d: the history's clicks, then 0-2 clicks of this session in the intent category.
        let clicks = 2 + h.uniformInt(below: 4 + 4 * tier)
        for _ in 0..<clicks {
            let item: Int
            let draw = h.uniformUnit()
            if draw < p {
                item = c.item(ofBrand: Int(users.favouriteBrand(u, h.uniformInt(below: UserPopulation.brandSlots))), &h)
            } else if draw < p + (1 - p) / 2 {
                let category = Int(users.favouriteCategory(u, h.uniformInt(below: UserPopulation.categorySlots)))
                item = c.item(ofBrand: c.brand(inCategory: category, &h), &h)
            } else {
                item = c.popularItem(&h)
            }
            record.add(0, o.items + Int32(item))
        }
        let historyClicks = record.lists[0].count
        let sessionClicks = g.uniformInt(below: 3)
        for _ in 0..<sessionClicks {
            record.add(0, o.items + Int32(c.item(ofBrand: c.brand(inCategory: intent, &g), &g)))
        }
        let clicked = record.lists[0]
        // 1 cart_items: 0-3 of the clicked items, sometimes one more of a favourite brand.
        let cart = g.uniformInt(below: 4)
        for _ in 0..<cart { record.add(1, clicked[g.uniformInt(below: clicked.count)]) }
        if g.uniformUnit() < 0.2 {
            record.add(1, o.items + Int32(c.item(ofBrand: Int(users.favouriteBrand(u, g.uniformInt(below: UserPopulation.brandSlots))), &g)))
        }
        // 2 fav_brands_7d: most favourite brands, and the brands of two clicked items.
        for k in 0..<UserPopulation.brandSlots where h.uniformUnit() < 0.8 {
            record.add(2, o.brands + users.favouriteBrand(u, k))
        }
        for _ in 0..<2 {
            record.add(2, o.brands + c.itemBrand[Int(clicked[h.uniformInt(below: historyClicks)] - o.items)])
        }
        // 3 purchased_categories_30d: 1-4 categories, favourite ones with probability `preference`.
        let purchases = 1 + h.uniformInt(below: 2 + tier)
        for _ in 0..<purchases {
            let category = h.uniformUnit() < p
                ? Int(users.favouriteCategory(u, h.uniformInt(below: UserPopulation.categorySlots)))
                : c.popularCategory(&h)
            record.add(3, o.categories + Int32(category))
        }
        // 4 visited_shops_7d: the shops of 1-4 clicked items, and sometimes followed shops.
        let visits = 1 + h.uniformInt(below: 2 + tier)
        for _ in 0..<visits {
            record.add(4, o.shops + c.itemShop[Int(clicked[h.uniformInt(below: historyClicks)] - o.items)])
        }
        for k in 0..<UserPopulation.shopSlots where h.uniformUnit() < 0.3 {
            record.add(4, o.shops + users.followedShop(u, k))
        }
        // 5 followed_shops: light users follow 2 shops, the others 4.
        for k in 0..<(tier == 0 ? 2 : UserPopulation.shopSlots) { record.add(5, o.shops + users.followedShop(u, k)) }
        // 6 searched_queries_3d: 0-4 queries about favourite categories (or popular ones), and
        // perhaps one about the intent now.
        let searches = h.uniformInt(below: 3 + tier)
        for _ in 0..<searches {
            let category = h.uniformUnit() < p
                ? Int(users.favouriteCategory(u, h.uniformInt(below: UserPopulation.categorySlots)))
                : c.popularCategory(&h)
            record.add(6, o.queries + Int32(c.query(about: category, &h)))
        }
        if g.uniformUnit() < 0.5 { record.add(6, o.queries + Int32(c.query(about: intent, &g))) }
        // 7 viewed_categories_1d: the intent, the categories of this session's clicks, a favourite one.
        record.add(7, o.categories + Int32(intent))
        for i in historyClicks..<clicked.count {
            record.add(7, o.categories + c.itemCategory[Int(clicked[i] - o.items)])
        }
        if g.uniformUnit() < 0.5 {
            record.add(7, o.categories + users.favouriteCategory(u, g.uniformInt(below: UserPopulation.categorySlots)))
        }
    }
}
