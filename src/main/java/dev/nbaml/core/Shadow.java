package dev.nbaml.core;

/**
 * The shadow model of a run ({@code MODEL_SHADOW_ALIAS}): where its alias exists, it scores the
 * same validated games after the live write, and its rows go to a table of their own, never to the
 * live one. Nothing it does fails the run.
 *
 * @param models the shadow model ({@link ModelProvider#ifPresent}: empty where its alias is not
 *     set)
 * @param writer the shadow table, keyed on (home_team, game_date, model_version)
 */
public record Shadow(ModelProvider models, PredictionWriter writer) {}
