package io.atelier.core.provider.local;

import java.util.List;

/** A hand-picked palette that prompt words call up ("sunset", "snow" …). */
enum Theme {
    SUNSET(Palette.of("#2B1B4F", "#A23E6E", "#F78C50", "#FFD27A", "#6B3A6E", "#3A1F45", "#2A1633", "#5A3A7A", "#FF7AA8"),
            "sunset", "dusk", "evening", "twilight", "sundown"),
    DAWN(Palette.of("#6FA8DC", "#F4C2C2", "#FFE0B0", "#FFF3C4", "#9AA5C8", "#6C7BA5", "#56607F", "#86A9D6", "#FFB38A"),
            "dawn", "sunrise", "morning", "daybreak"),
    NIGHT(Palette.of("#050816", "#14183A", "#2B2F66", "#E8ECFF", "#1E2248", "#0E1030", "#0A0B20", "#1A1F4A", "#8FA8FF"),
            "night", "midnight", "moon", "moonlight", "moonlit", "space", "galaxy", "star", "starry", "cosmic",
            "nebula", "dark"),
    OCEAN(Palette.of("#1E6FB8", "#58B4E0", "#BDE8F5", "#FFF6D5", "#2E7F9A", "#16586E", "#E8D6A8", "#1A7FA8", "#7FF0E0"),
            "ocean", "sea", "beach", "coast", "wave", "lake", "island", "tropical", "underwater", "water", "bay",
            "harbor", "harbour"),
    FOREST(Palette.of("#7FB7A4", "#B8D8B0", "#E6EFC8", "#FFF4C0", "#4F7D5C", "#2C5238", "#1E3A26", "#3E7566", "#D8F08A"),
            "forest", "tree", "jungle", "woods", "woodland", "pine", "moss", "meadow", "garden", "leaf", "leaves"),
    SNOW(Palette.of("#A9C6E8", "#D9E6F5", "#F4F8FC", "#FFFFFF", "#B7C7DC", "#8FA3BF", "#F7FAFD", "#9DB9D8", "#CFE8FF"),
            "snow", "snowy", "winter", "ice", "icy", "frost", "frozen", "arctic", "glacier", "blizzard"),
    DESERT(Palette.of("#3F86C4", "#8EC3E6", "#F6DDB0", "#FFF1C9", "#D08A50", "#B5643A", "#E0A860", "#6FA9C9", "#F2C14E"),
            "desert", "dune", "sand", "sandy", "canyon", "mars", "savanna", "safari"),
    FIRE(Palette.of("#1A0505", "#6E1408", "#E8501A", "#FFD060", "#3A0A08", "#1C0606", "#120303", "#A8300F", "#FF8A1F"),
            "fire", "lava", "volcano", "flame", "inferno", "burning", "ember", "dragon"),
    GOLD(Palette.of("#6B4A2B", "#C98B3A", "#F5D48A", "#FFF0B8", "#9A5B2A", "#6E3B1E", "#4A2A14", "#B98A4A", "#FFC94A"),
            "gold", "golden", "autumn", "fall", "harvest", "amber", "honey", "wheat"),
    PASTEL(Palette.of("#C9B6F2", "#F7C6DC", "#FFF0D9", "#FFFFFF", "#B8D8F0", "#F2A7C3", "#FCE4EC", "#BFE3F2", "#9FE2D0"),
            "pastel", "candy", "dream", "dreamy", "spring", "cherry", "blossom", "soft", "cute", "kawaii", "unicorn",
            "cotton"),
    STORM(Palette.of("#3A4250", "#6B7686", "#A9B2BC", "#DCE2E8", "#59626F", "#3D4450", "#2C323B", "#56606C", "#C7D3E0"),
            "storm", "stormy", "fog", "foggy", "mist", "misty", "rain", "rainy", "cloudy", "gloomy", "overcast",
            "thunder"),
    NEON(Palette.of("#0D0221", "#3B0A57", "#FF2E88", "#FFD23F", "#241046", "#120726", "#0A0418", "#1B0B3A", "#2DE2E6"),
            "neon", "cyber", "cyberpunk", "synthwave", "vaporwave", "retrowave", "disco", "arcade", "futuristic");

    private final Palette palette;
    private final List<String> words;

    Theme(Palette palette, String... words) {
        this.palette = palette;
        this.words = List.of(words);
    }

    Palette palette() {
        return palette;
    }

    List<String> words() {
        return words;
    }
}
