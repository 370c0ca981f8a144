package io.atelier.core.account;

/** A new team with its first API key, in clear text: shown once, stored only as a hash. */
public record CreatedTeam(Team team, String apiKey) {
    @Override
    public String toString() {
        return "CreatedTeam[team=" + team + ", apiKey=****]";
    }
}
