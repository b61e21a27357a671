package ru.tsur.jobs.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import ru.tsur.geo.Gazetteer;
import ru.tsur.schema.Alert;
import ru.tsur.schema.Incident;
import ru.tsur.schema.Post;
import ru.tsur.sla.calendar.ProductionCalendar;

/**
 * Writes a synthetic warehouse directly as Parquet, in the streaming job's layout: posts grouped into incidents
 * (copies on several platforms), incident versions (new, reacted, answered), overdue and spike alerts. Regions are
 * the gazetteer's, weighted by population. Deterministic for a seed. For the report benchmark and the notebooks.
 *
 * <p>Usage: {@code WarehouseGenerator OUT_DIR POSTS FROM_DATE DAYS [SEED]}
 */
public final class WarehouseGenerator {
    record City(String regionCode, String region, String city, String tz, long population) {
    }

    static final String[] SECTORS = {"roads", "housing", "waste", "transport", "health", "education", "social",
        "construction", "other"};
    static final double[] SECTOR_WEIGHTS = {0.22, 0.27, 0.10, 0.12, 0.09, 0.05, 0.06, 0.04, 0.05};
    static final String[][] TOPICS = {
        {"pothole", "snow_roads", "traffic_lights", "sidewalk"},
        {"heating", "hot_water", "roof_leak", "elevator", "yard_lighting"},
        {"garbage_pickup", "dump", "containers"},
        {"bus_schedule", "bus_route", "fares"},
        {"clinic_queue", "ambulance", "medicines"},
        {"school", "kindergarten_queue"},
        {"pensions", "benefits"},
        {"construction_noise", "unfinished_house"},
        {"thanks", "other"}};
    static final String[][] TEXTS = {
        {"Огромная яма на дороге у дома, машины бьют колёса", "Дорогу не чистят от снега уже третий день",
            "Светофор на перекрёстке не работает", "Тротуар разбит, пройти с коляской невозможно"},
        {"В квартире холодно, батареи еле тёплые", "Нет горячей воды вторую неделю", "Течёт крыша, УК не отвечает",
            "Лифт опять сломан, пожилые не могут выйти", "Во дворе не горят фонари"},
        {"Мусор не вывозят неделю, контейнеры переполнены", "Стихийная свалка у гаражей", "Нет контейнеров для мусора"},
        {"Автобус не приходит по расписанию", "Отменили маршрут, как добираться на работу?", "Подняли цену проезда"},
        {"В поликлинике очередь к терапевту на месяц", "Скорая ехала больше часа", "В аптеках нет лекарств по льготе"},
        {"В школе холодно, дети сидят в куртках", "Очередь в детский сад не двигается"},
        {"Не пришла пенсия за месяц", "Отказали в пособии без объяснений"},
        {"Стройка шумит по ночам", "Дом не достроен пятый год, дольщики ждут"},
        {"Спасибо администрации за новую площадку", "Вопрос к администрации города"}};
    static final String[] PLATFORMS = {"vk", "vk", "vk", "ok", "telegram", "telegram", "portal"};
    static final String[] BODIES = {"Администрация г. %s", "Министерство ЖКХ (%s)", "Министерство транспорта (%s)",
        "УК «Комфорт» г. %s", "Министерство здравоохранения (%s)", "Региональный оператор ТКО (%s)"};

    private final SplittableRandom rnd;
    private final List<City> cities;
    private final double[] cumulative;
    private final ProductionCalendar calendar = ProductionCalendar.load();

    WarehouseGenerator(long seed, List<City> cities) {
        this.rnd = new SplittableRandom(seed);
        this.cities = cities;
        this.cumulative = new double[cities.size()];
        double total = cities.stream().mapToLong(City::population).sum();
        double acc = 0;
        for (int i = 0; i < cities.size(); i++) {
            acc += cities.get(i).population() / total;
            cumulative[i] = acc;
        }
    }

    /** The gazetteer's cities with a known population. */
    static List<City> loadCities() {
        return Gazetteer.shared().cities().stream().filter(c -> c.population() > 0)
                .map(c -> new City(c.regionCode(), c.region(), c.name(), c.zone().getId(), c.population()))
                .toList();
    }

    City city() {
        double u = rnd.nextDouble();
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return cities.get(lo);
    }

    int sector() {
        double u = rnd.nextDouble();
        double acc = 0;
        for (int i = 0; i < SECTOR_WEIGHTS.length; i++) {
            acc += SECTOR_WEIGHTS[i];
            if (u < acc) {
                return i;
            }
        }
        return SECTORS.length - 1;
    }

    /** Minutes, log-normally distributed around a median. */
    long logNormalMinutes(double median, double sigma) {
        double z = rnd.nextDouble() * 2 - 1 + rnd.nextDouble() * 2 - 1 + rnd.nextDouble() * 2 - 1;
        return Math.max(1, Math.round(median * Math.exp(sigma * z)));
    }

    void generate(Path out, long postsWanted, LocalDate from, int days, int part) throws IOException {
        String file = "part-gen-" + part + ".parquet";
        Instant end = from.plusDays(days).atStartOfDay(ZoneOffset.ofHours(3)).toInstant();
        long posts = 0;
        long incidentNo = 0;
        try (DatasetWriter<Post> pw = new DatasetWriter<>(out, "posts", Post.class, Post::getDt, file);
             DatasetWriter<Incident> iw = new DatasetWriter<>(out, "incidents", Incident.class, Incident::getDt, file);
             DatasetWriter<Alert> aw = new DatasetWriter<>(out, "alerts", Alert.class, Alert::getDt, file)) {
            while (posts < postsWanted) {
                City c = city();
                int s = sector();
                LocalDate day = from.plusDays(rnd.nextInt(days));
                // fewer complaints at weekends
                if (day.getDayOfWeek().getValue() >= 6 && rnd.nextDouble() < 0.35) {
                    continue;
                }
                ZoneOffset zone = ZoneOffset.of(c.tz());
                ZonedDateTime first = day.atTime(7 + rnd.nextInt(16), rnd.nextInt(60), rnd.nextInt(60)).atZone(zone);
                boolean actionable = s != SECTORS.length - 1 && rnd.nextDouble() < 0.9;
                String severity = !actionable ? "normal" : rnd.nextDouble() < 0.02 ? "critical" : rnd.nextDouble() < 0.15 ? "high" : "normal";
                int copies = 1;
                while (copies < 20 && rnd.nextDouble() < 0.62) {
                    copies++;
                }
                int t = rnd.nextInt(TOPICS[s].length);
                String topic = TOPICS[s][t];
                String text = TEXTS[s][t] + (rnd.nextDouble() < 0.1 ? ". Звоните 8-912-" + (100 + rnd.nextInt(900)) + "-11-22" : "");
                String id = "inc-" + part + "-" + (++incidentNo);
                String body = String.format(BODIES[Math.min(BODIES.length - 1, (s + rnd.nextInt(2)) % BODIES.length)], c.city());
                List<String> postIds = new ArrayList<>();
                List<String> platforms = new ArrayList<>();
                Instant last = first.toInstant();
                for (int k = 0; k < copies; k++) {
                    Instant at = first.toInstant().plusSeconds(k == 0 ? 0 : 60L * logNormalMinutes(90, 1.2));
                    if (!at.isBefore(end)) {
                        continue;
                    }
                    String platform = PLATFORMS[rnd.nextInt(PLATFORMS.length)];
                    String postId = platform + ":" + id + "-" + k;
                    if (postIds.size() < 50) {
                        postIds.add(postId);
                    }
                    if (!platforms.contains(platform)) {
                        platforms.add(platform);
                    }
                    last = at.isAfter(last) ? at : last;
                    pw.write(post(postId, platform, at, zone, c, SECTORS[s], topic, actionable, severity, text, id,
                            k == 0 ? null : postIds.get(0), body));
                    posts++;
                }
                Incident.Builder v = Incident.newBuilder()
                        .setIncidentId(id).setVersion(1).setFirstPostId(postIds.get(0)).setSector(SECTORS[s])
                        .setTopics(List.of(topic)).setSeverity(severity).setActionable(actionable)
                        .setRegionCode(c.regionCode()).setRegion(c.region()).setMunicipality(c.city())
                        .setTimezone(c.tz()).setPostCount(postIds.size()).setPostIds(postIds).setPlatforms(platforms)
                        .setFirstSeen(first.toInstant()).setLastSeen(last).setStatus("open").setResponsible(body)
                        .setEscalationLevel(0).setUrl("https://vk.com/wall-1_" + incidentNo).setExcerpt(text)
                        .setDt(first.toLocalDate().toString()).setUpdatedAt(first.toInstant());
                iw.write(v.build());
                if (!actionable) {
                    continue;
                }
                boolean critical = "critical".equals(severity);
                long reactMin = rnd.nextDouble() < 0.9 ? logNormalMinutes(critical ? 45 : 200, 1.0) : -1;
                Instant reaction = reactMin < 0 ? null : first.toInstant().plusSeconds(60 * reactMin);
                Instant reactionDeadline = first.toInstant().plusSeconds(critical ? 3600 : 8 * 3600);
                if (reaction == null || reaction.isAfter(reactionDeadline)) {
                    if (reactionDeadline.isBefore(end)) {
                        aw.write(alert(id + ":reaction", id, critical ? "critical_overdue" : "reaction_overdue",
                                reactionDeadline, zone, c, SECTORS[s], severity, body));
                    }
                }
                if (reaction != null && reaction.isBefore(end)) {
                    v.setVersion(2).setStatus("accepted").setFirstReactionAt(reaction).setUpdatedAt(reaction)
                            .setDt(reaction.atZone(zone).toLocalDate().toString());
                    iw.write(v.build());
                    if (rnd.nextDouble() < 0.8) {
                        int workingDays = 1 + rnd.nextInt(11);
                        // the same local time, a few working days after the day of receipt
                        Instant answer = first.with(calendar.nthWorkingDayAfter(first.toLocalDate(), workingDays))
                                .toInstant();
                        if (answer.isBefore(end)) {
                            v.setVersion(3).setStatus("answered").setAnsweredAt(answer).setUpdatedAt(answer)
                                    .setDt(answer.atZone(zone).toLocalDate().toString());
                            iw.write(v.build());
                        }
                    }
                }
            }
            // a few spikes: alerts only (their posts are part of the volume above)
            for (int i = 0; i < Math.max(3, days / 3); i++) {
                City c = city();
                int s = sector();
                LocalDate day = from.plusDays(rnd.nextInt(days));
                ZoneOffset zone = ZoneOffset.of(c.tz());
                Instant at = day.atTime(9 + rnd.nextInt(10), 0).atZone(zone).toInstant();
                int n = 10 + rnd.nextInt(40);
                Alert.Builder a = Alert.newBuilder().setAlertId("spike:" + part + ":" + c.regionCode() + ":" + SECTORS[s] + ":" + at)
                        .setKind("spike").setRaisedAt(at).setSector(SECTORS[s]).setRegionCode(c.regionCode())
                        .setRegion(c.region()).setMunicipality(c.city())
                        .setDetail(String.format(java.util.Locale.ROOT, "%d сообщений за час при среднем %.1f за час",
                                n, n / (3.0 + rnd.nextInt(5))))
                        .setDt(day.toString());
                aw.write(a.build());
            }
        }
    }

    static Post post(String id, String platform, Instant at, ZoneOffset zone, City c, String sector, String topic,
                     boolean actionable, String severity, String text, String incidentId, String duplicateOf, String body) {
        Post p = new Post();
        p.setId(id);
        p.setSource(platform);
        p.setPublishedAt(at);
        p.setPublishedOffset(zone.getId());
        p.setDt(at.atZone(zone).toLocalDate().toString());
        p.setText(text);
        p.setUrl("https://example.org/" + id);
        p.setAuthorHash(Integer.toHexString(id.hashCode()));
        p.setOfficial(false);
        p.setRegionCode(c.regionCode());
        p.setRegion(c.region());
        p.setMunicipality(c.city());
        p.setTimezone(c.tz());
        p.setGeoMethod("text");
        p.setSector(sector);
        p.setTopics(List.of(topic));
        p.setActionable(actionable);
        p.setNonActionableReason(actionable ? null : "no_request");
        p.setSeverity(severity);
        p.setScore(actionable ? 1.5 : 0.2);
        p.setMatched(List.of(sector + "." + topic));
        p.setRulesVersion("gen-1");
        p.setIncidentId(incidentId);
        p.setDuplicateOf(duplicateOf);
        p.setDedupMethod(duplicateOf == null ? "new" : "near");
        p.setResponsible(body);
        p.setIngestedAt(at);
        return p;
    }

    static Alert alert(String alertId, String incidentId, String kind, Instant deadline, ZoneOffset zone, City c,
                       String sector, String severity, String body) {
        return Alert.newBuilder().setAlertId(alertId).setIncidentId(incidentId).setKind(kind).setLevel(0)
                .setDeadline(deadline).setRaisedAt(deadline).setSector(sector).setSeverity(severity)
                .setRegionCode(c.regionCode()).setRegion(c.region()).setMunicipality(c.city()).setResponsible(body)
                .setDt(deadline.atZone(zone).toLocalDate().toString()).build();
    }

    /** Usage: OUT_DIR POSTS FROM_DATE DAYS [SEED [THREADS]]; each thread writes its own file per partition. */
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: WarehouseGenerator OUT_DIR POSTS FROM_DATE DAYS [SEED [THREADS]]");
            System.exit(2);
        }
        long t0 = System.nanoTime();
        List<City> cities = loadCities();
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 42;
        int threads = args.length > 5 ? Integer.parseInt(args[5]) : Runtime.getRuntime().availableProcessors();
        long posts = Long.parseLong(args[1]);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int part = i;
            long share = posts / threads + (i < posts % threads ? 1 : 0);
            done.add(pool.submit(() -> {
                new WarehouseGenerator(seed * 1_000 + part, cities)
                        .generate(Path.of(args[0]), share, LocalDate.parse(args[2]), Integer.parseInt(args[3]), part);
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("generated %s posts into %s in %.1f s%n", args[1], args[0], (System.nanoTime() - t0) / 1e9);
    }
}
