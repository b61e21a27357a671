package ru.tsur.geo;

import java.util.LinkedHashSet;
import java.util.Set;

/** Full region names from the gazetteer's type + name, and the forms people write them in. */
final class RegionNames {
    private RegionNames() {}

    static String fullName(String type, String name) {
        return switch (type) {
            case "обл" -> name + " область";
            case "край" -> name + " край";
            case "АО" -> name + " автономный округ";
            case "Аобл" -> name + " автономная область";
            case "Респ" -> name.endsWith("ая") ? name + " Республика" : "Республика " + name;
            default -> name; // "г": Москва, Санкт-Петербург, Севастополь
        };
    }

    /** «Курская область», «в Курской области», «Курской обл», «Краснодарском крае», «Татарстане». */
    static Set<String> forms(String fullName) {
        String folded = RussianForms.fold(fullName);
        Set<String> out = new LinkedHashSet<>();
        if (folded.endsWith(" область")) {
            String adj = folded.substring(0, folded.length() - " область".length());
            for (String a : RussianForms.wordForms(adj)) {
                for (String noun : new String[] {"область", "области", "областью", "обл"}) {
                    out.add(a + " " + noun);
                }
            }
        } else if (folded.endsWith(" край")) {
            String adj = folded.substring(0, folded.length() - " край".length());
            for (String a : RussianForms.wordForms(adj)) {
                for (String noun : new String[] {"край", "края", "крае", "краю", "краем"}) {
                    out.add(a + " " + noun);
                }
            }
        } else if (folded.startsWith("республика ")) {
            String n = folded.substring("республика ".length());
            if (!n.contains(" ") && !n.contains("/")) {
                out.addAll(RussianForms.wordForms(n)); // «в Татарстане», «Башкортостан»
            }
        }
        return out;
    }
}
