"""OpenFisca-France on the same foyers as the native program: INSEE-scale consumption units
(variable `unites_consommation` of the ménage) and revenue per unit, vectorised.

Usage: python openfisca_banc.py FOYERS.csv RESULTATS_NATIFS.csv N
Prints one JSON line: foyers, seconds (best of 3) of the computation from foyers already read,
seconds (best of 3) of the same job from the CSV file (read by Python's csv module, as the
native program reads it), and the number of UC disagreements with the native program (checked
before timing; must be 0).
"""
import csv
import json
import sys
import time

import numpy as np
from openfisca_core.simulation_builder import SimulationBuilder
from openfisca_france import FranceTaxBenefitSystem

ROLES_MENAGE = {"A": "personne_de_reference", "C": "conjoint", "E": "enfant", "P": "autre"}


def lire_foyers(chemin, n):
    foyers = []
    with open(chemin, encoding="utf-8") as f:
        lecteur = csv.DictReader(f, delimiter=";")
        for ligne in lecteur:
            personnes = [(p[0], int("".join(c for c in p[1:] if c.isdigit()))) for p in ligne["personnes"].split("|")]
            revenus = max(0.0, float(ligne["revenus_annuels"].replace(",", ".")))
            prestations = float(ligne["prestations_mensuelles"].replace(",", "."))
            foyers.append((ligne["annee"], personnes, revenus, prestations))
            if len(foyers) == n:
                break
    return foyers


def calculer(tbs, foyers):
    ids, ages, menages, roles_menage, familles, roles_famille = [], [], [], [], [], []
    for i, (_, personnes, _, _) in enumerate(foyers):
        for j, (role, age) in enumerate(personnes):
            ids.append(f"p{i}_{j}")
            ages.append(age)
            menages.append(i)
            roles_menage.append(ROLES_MENAGE[role])
            familles.append(i)
            roles_famille.append("enfant" if role in "EP" else "parent")
    sb = SimulationBuilder()
    sb.create_entities(tbs)
    sb.declare_person_entity("individu", ids)
    for nom, index, roles in (("menage", menages, roles_menage), ("famille", familles, roles_famille),
                              ("foyer_fiscal", familles, ["declarant" if r == "parent" else "personne_a_charge" for r in roles_famille])):
        # OpenFisca matches members to groups by id, in sorted order: zero-padded ids keep it.
        entite = sb.declare_entity(nom, [f"{nom}{i:09d}" for i in range(len(foyers))])
        sb.join_with_persons(entite, np.array([f"{nom}{i:09d}" for i in index]), np.array(roles))
    simulation = sb.build(tbs)
    periode = "2020-01"
    simulation.set_input("age", periode, np.array(ages))
    uc = simulation.calculate("unites_consommation", "2020")
    ressources = np.array([r / 12 + p for (_, _, r, p) in foyers])
    return uc, ressources / uc


def main():
    chemin, natifs, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    foyers = lire_foyers(chemin, n)
    tbs = FranceTaxBenefitSystem()
    uc, _ = calculer(tbs, foyers)
    with open(natifs, encoding="utf-8") as f:
        uc_natif = [float(l["uc_insee"].replace(",", ".")) for l, _ in zip(csv.DictReader(f, delimiter=";"), range(n))]
    # OpenFisca stores floats in 32 bits: 1.8 is 1.79999995…; compare at 1e-5.
    desaccords = int(np.sum(np.abs(uc - np.array(uc_natif)) > 1e-5))
    meilleur = float("inf")
    for _ in range(3):
        debut = time.perf_counter()
        calculer(tbs, foyers)
        meilleur = min(meilleur, time.perf_counter() - debut)
    # The whole job, as the native program does it: from the file.
    avec_lecture = float("inf")
    for _ in range(3):
        debut = time.perf_counter()
        calculer(tbs, lire_foyers(chemin, n))
        avec_lecture = min(avec_lecture, time.perf_counter() - debut)
    print(json.dumps({"foyers": len(foyers), "secondes": meilleur, "secondes_avec_lecture": avec_lecture,
                      "desaccords_uc": desaccords}))


if __name__ == "__main__":
    main()
