import Datasets
import Randomness

/// KDD Cup 1999 (the 10% file): 41 connection features and an attack label. In the ALAD / DAGMM
/// protocol the rows labelled `normal.` are the anomalies.
public enum KDDCup99 {
    static let featureNames = [
        "duration", "protocol_type", "service", "flag", "src_bytes", "dst_bytes", "land", "wrong_fragment",
        "urgent", "hot", "num_failed_logins", "logged_in", "num_compromised", "root_shell", "su_attempted",
        "num_root", "num_file_creations", "num_shells", "num_access_files", "num_outbound_cmds", "is_host_login",
        "is_guest_login", "count", "srv_count", "serror_rate", "srv_serror_rate", "rerror_rate", "srv_rerror_rate",
        "same_srv_rate", "diff_srv_rate", "srv_diff_host_rate", "dst_host_count", "dst_host_srv_count",
        "dst_host_same_srv_rate", "dst_host_diff_srv_rate", "dst_host_same_src_port_rate",
        "dst_host_srv_diff_host_rate", "dst_host_serror_rate", "dst_host_srv_serror_rate", "dst_host_rerror_rate",
        "dst_host_srv_rerror_rate",
    ]
    /// The seven columns one-hot encoded in the ALAD / DAGMM protocol (the other 34 are numbers).
    static let categoricalNames: Set<String> = ["protocol_type", "service", "flag", "land", "logged_in",
                                                "is_host_login", "is_guest_login"]

    /// The 23 labels of the 10% file, with their row counts (494,021 rows).
    static let classCounts: [(String, Int)] = [
        ("back.", 2203), ("buffer_overflow.", 30), ("ftp_write.", 8), ("guess_passwd.", 53), ("imap.", 12),
        ("ipsweep.", 1247), ("land.", 21), ("loadmodule.", 9), ("multihop.", 7), ("neptune.", 107_201),
        ("nmap.", 231), ("normal.", 97_278), ("perl.", 3), ("phf.", 4), ("pod.", 264), ("portsweep.", 1040),
        ("rootkit.", 10), ("satan.", 1589), ("smurf.", 280_790), ("spy.", 2), ("teardrop.", 979),
        ("warezclient.", 1020), ("warezmaster.", 20),
    ]

    public static let schema = TableSchema(
        name: "kddcup99", title: "KDD Cup 1999 10% file (kddcup.data_10_percent)",
        columns: featureNames.map { .init($0, categoricalNames.contains($0) ? .categorical(values: nil) : .numeric) },
        classIndex: 41, classValues: classCounts.map(\.0), questionMarkIsMissing: false,
        knownChecksums: ["8045aca0d84e70e622d1148d7df782496f6333bf6eb979a1b0837c42a9fd9561",   // kddcup.data_10_percent.gz
                         "f8c8267ebcd9c0ed1fd7d6277fe5bfff8732e9b7db8e61b873542b2a534b6f9a"],  // kddcup.data_10_percent
        originalRows: 494_021)

    /// The (protocol, service) pairs of the 10% file: 66 services over icmp, tcp and udp.
    static let services: [(String, String)] = {
        let icmp = ["ecr_i", "eco_i", "urp_i", "urh_i", "tim_i", "red_i"]
        let tcp = ["private", "http", "smtp", "ftp_data", "other", "ftp", "finger", "telnet", "auth", "pop_3", "time",
                   "csnet_ns", "remote_job", "gopher", "imap4", "discard", "domain", "iso_tsap", "systat", "echo", "shell",
                   "rje", "sql_net", "whois", "printer", "courier", "nntp", "mtp", "netbios_ssn", "sunrpc", "bgp", "klogin",
                   "uucp", "uucp_path", "vmnet", "nnsp", "ssh", "supdup", "hostnames", "login", "daytime", "efs", "link",
                   "netbios_ns", "ldap", "pop_2", "exec", "http_443", "netbios_dgm", "kshell", "name", "ctf", "netstat",
                   "Z39_50", "IRC", "X11", "pm_dump"]
        let udp = ["private", "domain_u", "other", "ntp_u", "tftp_u"]
        return icmp.map { ("icmp", $0) } + tcp.map { ("tcp", $0) } + udp.map { ("udp", $0) }
    }()
    static let flags = ["OTH", "REJ", "RSTO", "RSTOS0", "RSTR", "S0", "S1", "S2", "S3", "SF", "SH"]

    /// A look-alike of the 10% file: the same 41 columns and value sets (3 protocols, 66 services,
    /// 11 flags, the 0/1 flags; `is_host_login` is always 0 as in the file), the 23 labels in the
    /// file's proportions (exact counts by largest remainder, in random order), and each row drawn
    /// from its class's profile. The profiles follow the file's three big classes: `smurf.` (ICMP
    /// echo floods: `ecr_i`, 1,032- or 520-byte packets, counts of 511), `neptune.` (SYN floods:
    /// `S0`/`REJ`, no payload, SYN-error rates of 1, many services), and `normal.` (mostly HTTP and
    /// SMTP over TCP with `SF`, log-normal byte counts, logged in, low error rates); the 20 small
    /// attack classes share a broad profile that also cycles through every protocol, service and
    /// flag so all values occur. Normal traffic (the anomaly class here) thus differs from attack
    /// traffic in its services, byte counts, connection counts and error rates, as in the file.
    public static func lookalike(rows: Int, context: GenerationContext) -> Table {
        var g = context.stream("lookalike")
        let counts = Apportionment.counts(total: rows, weights: classCounts.map { Double($0.1) })
        var labels: [Int32] = []
        labels.reserveCapacity(rows)
        for (code, count) in counts.enumerated() { labels += [Int32](repeating: Int32(code), count: count) }
        g.shuffle(&labels)

        var numeric = [[Double]](repeating: [], count: featureNames.count)
        var categorical = [[String]](repeating: [], count: featureNames.count)
        var generic = 0
        for label in labels {
            let name = classCounts[Int(label)].0
            var row = Row()
            switch name {
            case "smurf.": row = smurf(&g)
            case "neptune.": row = neptune(&g)
            case "normal.": row = normalTraffic(&g)
            default:
                row = otherAttack(&g, index: generic, kind: name)
                generic += 1
            }
            for (i, feature) in featureNames.enumerated() {
                if categoricalNames.contains(feature) {
                    categorical[i].append(row.text[feature] ?? "0")
                } else {
                    numeric[i].append(row.values[feature] ?? 0)
                }
            }
        }
        var columns: [Table.Column] = []
        for (i, feature) in featureNames.enumerated() {
            if categoricalNames.contains(feature) {
                let values = Array(Set(categorical[i])).sorted()
                let index = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, Int32($0)) })
                columns.append(.init(name: feature, data: .categorical(codes: categorical[i].map { index[$0, default: 0] }, values: values)))  // every value is a key
            } else {
                columns.append(.init(name: feature, data: .numeric(numeric[i])))
            }
        }
        return Table(columns: columns, classCodes: labels, classValues: classCounts.map(\.0))
    }

    struct Row {
        var values: [String: Double] = [:]
        var text: [String: String] = [:]
    }

    static func rate(_ x: Double) -> Double { (min(1, max(0, x)) * 100).rounded() / 100 }

    static func smurf(_ g: inout Xoshiro256StarStar) -> Row {
        var r = Row()
        r.text = ["protocol_type": "icmp", "service": g.bernoulli(0.998) ? "ecr_i" : "eco_i", "flag": "SF",
                  "land": "0", "logged_in": "0", "is_host_login": "0", "is_guest_login": "0"]
        let count = g.bernoulli(0.9) ? 511.0 : Double(g.uniformInt(in: 100...511))
        r.values = ["src_bytes": g.bernoulli(0.8) ? 1032 : 520, "count": count, "srv_count": count,
                    "same_srv_rate": 1, "dst_host_count": 255, "dst_host_srv_count": 255,
                    "dst_host_same_srv_rate": 1, "dst_host_same_src_port_rate": 1]
        return r
    }

    static func neptune(_ g: inout Xoshiro256StarStar) -> Row {
        var r = Row()
        let tcpServices = services.filter { $0.0 == "tcp" }
        let service = g.bernoulli(0.6) ? "private" : tcpServices[g.uniformInt(below: tcpServices.count)].1
        let syn = g.bernoulli(0.8)
        r.text = ["protocol_type": "tcp", "service": service, "flag": syn ? "S0" : "REJ",
                  "land": "0", "logged_in": "0", "is_host_login": "0", "is_guest_login": "0"]
        let sameSrv = rate(g.uniformUnit() * 0.1)
        r.values = ["count": Double(g.uniformInt(in: 100...300)), "srv_count": Double(g.uniformInt(in: 1...30)),
                    "serror_rate": syn ? 1 : 0, "srv_serror_rate": syn ? 1 : 0,
                    "rerror_rate": syn ? 0 : 1, "srv_rerror_rate": syn ? 0 : 1,
                    "same_srv_rate": sameSrv, "diff_srv_rate": rate(0.05 + g.uniformUnit() * 0.05),
                    "dst_host_count": 255, "dst_host_srv_count": Double(g.uniformInt(in: 1...25)),
                    "dst_host_same_srv_rate": rate(g.uniformUnit() * 0.1), "dst_host_diff_srv_rate": rate(0.05 + g.uniformUnit() * 0.05),
                    "dst_host_serror_rate": syn ? 1 : 0, "dst_host_srv_serror_rate": syn ? 1 : 0,
                    "dst_host_rerror_rate": syn ? 0 : 1, "dst_host_srv_rerror_rate": syn ? 0 : 1]
        return r
    }

    static func normalTraffic(_ g: inout Xoshiro256StarStar) -> Row {
        var r = Row()
        let choices: [(String, String, Double)] = [
            ("tcp", "http", 0.62), ("tcp", "smtp", 0.10), ("tcp", "ftp_data", 0.04), ("udp", "domain_u", 0.06),
            ("udp", "other", 0.05), ("udp", "private", 0.03), ("tcp", "other", 0.01), ("tcp", "ftp", 0.01),
            ("tcp", "telnet", 0.005), ("tcp", "finger", 0.005), ("icmp", "eco_i", 0.01), ("icmp", "ecr_i", 0.01),
            ("udp", "ntp_u", 0.005), ("tcp", "auth", 0.005), ("tcp", "pop_3", 0.005), ("icmp", "urp_i", 0.005),
            ("tcp", "private", 0.02),
        ]
        let pick = choices[g.categorical(weights: choices.map(\.2))]
        let flag = ["SF", "REJ", "S0", "RSTO", "RSTR", "S1", "SH"][g.categorical(weights: [0.97, 0.01, 0.005, 0.005, 0.005, 0.003, 0.002])]
        let loggedIn = pick.0 == "tcp" && flag == "SF" && g.bernoulli(0.9)
        r.text = ["protocol_type": pick.0, "service": pick.1, "flag": flag, "land": "0",
                  "logged_in": loggedIn ? "1" : "0", "is_host_login": "0", "is_guest_login": "0"]
        func logNormal(_ median: Double, _ sigma: Double) -> Double { (median * exp(sigma * g.standardNormal())).rounded() }
        let count = Double(g.uniformInt(in: 1...30))
        r.values = ["duration": g.bernoulli(0.9) ? 0 : logNormal(60, 1.5),
                    "src_bytes": logNormal(250, 1.0), "dst_bytes": pick.0 == "icmp" ? 0 : logNormal(2000, 1.5),
                    "hot": g.bernoulli(0.9) ? 0 : Double(g.uniformInt(in: 1...5)),
                    "count": count, "srv_count": max(1, count + Double(g.uniformInt(in: -3...10))),
                    "serror_rate": g.bernoulli(0.98) ? 0 : rate(g.uniformUnit()),
                    "rerror_rate": g.bernoulli(0.97) ? 0 : rate(g.uniformUnit()),
                    "same_srv_rate": g.bernoulli(0.9) ? 1 : rate(0.5 + g.uniformUnit() * 0.5),
                    "diff_srv_rate": g.bernoulli(0.9) ? 0 : rate(g.uniformUnit() * 0.3),
                    "srv_diff_host_rate": rate(g.uniformUnit() * 0.3),
                    "dst_host_count": Double(g.uniformInt(in: 1...255)), "dst_host_srv_count": Double(g.uniformInt(in: 1...255)),
                    "dst_host_same_srv_rate": rate(0.8 + g.uniformUnit() * 0.2), "dst_host_diff_srv_rate": rate(g.uniformUnit() * 0.1),
                    "dst_host_same_src_port_rate": rate(g.uniformUnit() * 0.1), "dst_host_srv_diff_host_rate": rate(g.uniformUnit() * 0.1)]
        return r
    }

    /// The small attack classes. `index` cycles protocols/services, flags and the 0/1 columns
    /// so every value of the file occurs.
    static func otherAttack(_ g: inout Xoshiro256StarStar, index: Int, kind: String) -> Row {
        var r = Row()
        let (protocolType, service) = index < services.count ? services[index] : services[g.uniformInt(below: services.count)]
        let flag = index < flags.count ? flags[index] : flags[g.uniformInt(below: flags.count)]
        r.text = ["protocol_type": protocolType, "service": service, "flag": flag,
                  "land": (kind == "land." || index % 97 == 1) ? "1" : "0",
                  "logged_in": index % 2 == 0 ? "1" : "0", "is_host_login": "0",
                  "is_guest_login": (kind.hasPrefix("warez") || index % 53 == 1) ? "1" : "0"]
        let count = Double(g.uniformInt(in: 1...200))
        r.values = ["duration": g.bernoulli(0.7) ? 0 : Double(g.uniformInt(in: 1...5000)),
                    "src_bytes": Double(g.uniformInt(in: 0...60_000)), "dst_bytes": Double(g.uniformInt(in: 0...10_000)),
                    "wrong_fragment": (kind == "teardrop." || kind == "pod.") ? (g.bernoulli(0.5) ? 1 : 3) : 0,
                    "hot": Double(g.uniformInt(in: 0...30)), "num_failed_logins": kind == "guess_passwd." ? 1 : 0,
                    "root_shell": kind == "buffer_overflow." || kind == "rootkit." ? 1 : 0,
                    "num_file_creations": Double(g.uniformInt(in: 0...3)),
                    "count": count, "srv_count": Double(g.uniformInt(in: 1...200)),
                    "serror_rate": rate(g.uniformUnit()), "srv_serror_rate": rate(g.uniformUnit()),
                    "rerror_rate": rate(g.uniformUnit()), "srv_rerror_rate": rate(g.uniformUnit()),
                    "same_srv_rate": rate(g.uniformUnit()), "diff_srv_rate": rate(g.uniformUnit()),
                    "srv_diff_host_rate": rate(g.uniformUnit()),
                    "dst_host_count": Double(g.uniformInt(in: 1...255)), "dst_host_srv_count": Double(g.uniformInt(in: 1...255)),
                    "dst_host_same_srv_rate": rate(g.uniformUnit()), "dst_host_diff_srv_rate": rate(g.uniformUnit()),
                    "dst_host_same_src_port_rate": rate(g.uniformUnit()), "dst_host_srv_diff_host_rate": rate(g.uniformUnit()),
                    "dst_host_serror_rate": rate(g.uniformUnit()), "dst_host_srv_serror_rate": rate(g.uniformUnit()),
                    "dst_host_rerror_rate": rate(g.uniformUnit()), "dst_host_srv_rerror_rate": rate(g.uniformUnit())]
        return r
    }
}

#if canImport(Glibc)
import Glibc
#endif
