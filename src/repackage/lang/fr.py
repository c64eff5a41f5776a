"""French: everything the editorial code knows of the language, as data.

To teach the tool a new speech verb, add its infinitive to ``SPEECH_LEMMAS``
(an irregular verb also gets its forms in ``IRREGULAR``); a new role noun
goes in ``role_heads`` (and in ``feminine_words``/``masculine_words`` when
it shows a gender); a title before names in ``lang.TITLES``.
"""

from __future__ import annotations

from .base import QuoteRules, forms, french_forms

#: Verbs that report speech or a stated view, by lemma. Reflexive verbs are
#: listed without "se" ("s'est justifiée", "s'enthousiasme": the "se" is an
#: elision the tokenizer splits off).
SPEECH_LEMMAS = (
    "déclarer affirmer assurer estimer souligner ajouter expliquer indiquer lancer marteler "
    "rappeler tweeter confier commenter préciser annoncer insister répliquer ironiser dénoncer "
    "regretter avouer raconter témoigner juger observer noter relever plaider menacer lâcher "
    "glisser déplorer fustiger saluer résumer trancher concéder détailler rétorquer confirmer "
    "remarquer enthousiasmer inquiéter interroger féliciter justifier exclamer clamer proclamer "
    "évoquer signaler mentionner rapporter murmurer crier tonner emporter indigner protester "
    "objecter argumenter nuancer publier répéter réclamer questionner interpeller informer "
    "certifier nier contester réfuter alarmer étonner insurger exprimer penser "
    "raisonner réagir avertir garantir réjouir dire écrire répondre reconnaître admettre "
    "promettre conclure poursuivre soutenir prévenir reprendre démentir défendre croire lire"
)

#: Forms of the irregular verbs above (third person, participles).
IRREGULAR = {
    "dire": "dit dite dits dites disent disait disaient disant dira dirait",
    "écrire": "écrit écrite écrits écrites écrivent écrivait écrivaient écrivant écrivit écrira écrirait",
    "répondre": "répond répondent répondu répondue répondait répondaient répondant répondit répondra répondrait",
    "reconnaître": "reconnaît reconnait reconnaissent reconnu reconnue reconnaissait reconnaissant reconnut",
    "admettre": "admet admettent admis admise admettait admettant admit admettra",
    "promettre": "promet promettent promis promise promettait promettant promit promettra",
    "conclure": "conclut concluent conclu conclue concluait concluant conclura",
    "poursuivre": "poursuit poursuivent poursuivi poursuivie poursuivait poursuivant poursuivit poursuivra",
    "soutenir": "soutient soutiennent soutenu soutenue soutenait soutenant soutint soutiendra",
    "prévenir": "prévient préviennent prévenu prévenue prévenait prévenant prévint préviendra",
    "reprendre": "reprend reprennent repris reprise reprenait reprenant reprit reprendra",
    "démentir": "dément démentent démenti démentie démentait démentant démentit",
    "défendre": "défend défendent défendu défendue défendait défendant défendit",
    "croire": "croit croient cru crue croyait croyant crut",
    "lire": "lit lisent lu lue lisait lisant lut",
}

SPEECH_VERBS = forms(SPEECH_LEMMAS, french_forms, IRREGULAR)

_NOT_NAMES = (
    "le la les l un une des du de d ce cet cette ces mais et ou en au aux dans pour par sur "
    "selon cependant toutefois depuis après avant lors alors ainsi enfin puis il elle ils "
    "elles on nous vous je c cela son sa ses leur leurs lui à où quand comme si "
    "lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai "
    "juin juillet août septembre octobre novembre décembre malgré parmi vers chez entre "
    "inversement voila voilà bien dont qui que quoi pendant environ deux trois quatre "
    "cinq six sept huit neuf dix cent mille"
)

#: Particles inside people's names ("Charles de Gaulle").
NAME_PARTICLES = frozenset("de du des".split())
#: Lower-case words linking the words of a name of a thing ("Observatoire de Paris", "Cour d'appel de la Haye").
NAME_LINKS = frozenset("d la le".split())

MONTHS = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
).split()
DAYS = "lundi mardi mercredi jeudi vendredi samedi dimanche".split()

#: Abbreviations after which a period never ends a sentence (titles, mostly).
TITLE_ABBREVIATIONS = frozenset(
    "M MM Mme Mmes Mlle Mlles Me Mgr Dr Pr St Ste Sts Stes Cie cf "
    "ex av apr env hab tél réf éd coll chap vol art Gal Gén Col Cdt Lt Sgt".split()
)

#: Words that very often open a sentence.
SENTENCE_STARTERS = frozenset(
    "Le La Les L Il Elle Ils Elles On Un Une Des Ce Cet Cette Ces Mais Et En Au Aux "
    "Dans Pour Selon Cependant Toutefois Par Sur Depuis Après Avant Lors Alors "
    "Ainsi Enfin Puis Je Nous Vous C Cela Son Sa Ses Leur Leurs".split()
)

RULES = QuoteRules(
        speech_verbs=SPEECH_VERBS,
        verb_fillers=frozenset(
            "a ont avait avaient aurait auraient a-t-il a-t-elle ainsi aussi également encore "
            "alors ensuite immédiatement pour sa son part quant à lui elle déjà enfin "
            "notamment toutefois cependant pourtant simplement lui-même elle-même se ailleurs".split()
        ),
        source_markers=("selon", "d'après", "d’après"),
        opinion_markers=("pour",),
        pronouns={"il": "m", "elle": "f", "lui": "m", "ils": "p", "elles": "p", "on": "p"},
        title_cues=frozenset(
            "livre roman film série émission titre intitulé intitulée intitulés intitulées "
            "chanson album ouvrage essai pièce opéra tableau loi journal magazine "
            "spectacle documentaire feuilleton baptisé baptisée nommé nommée surnommé "
            "surnommée appelé appelée dénommé dénommée".split()
        ),
        function_words=frozenset("le la les l de du des d un une et à au aux en sur".split()),
        determiners=frozenset("le la les l un une des ce cet cette son sa ses leur du au aux".split()),
        adverbials=("pour sa part", "pour leur part", "pour son compte", "de son côté", "de leur côté", "quant à lui", "quant à elle", "quant à eux", "quant à elles", "à son tour", "à leur tour", "lui aussi", "elle aussi", "eux aussi", "elles aussi", "par conséquent", "par ailleurs", "en effet", "de nouveau", "à nouveau", "en outre", "pour autant", "de fait", "entre autres", "à ce propos", "à ce sujet"),
        person_nouns=frozenset(
            "témoin lycéen lycéenne élève étudiant étudiante habitant habitante riverain riveraine passant passante manifestant manifestante voisin voisine parent mère père enfant expert experte spécialiste médecin infirmier infirmière secouriste pompier policier policière gendarme militaire soldat salarié salariée employé employée ouvrier ouvrière agriculteur agricultrice commerçant commerçante client cliente supporter supportrice spectateur spectatrice fidèle survivant survivante rescapé rescapée proche ami amie collègue responsable membre élu élue observateur observatrice analyste diplomate fonctionnaire enseignant enseignante chercheur chercheuse habitué habituée utilisateur utilisatrice internaute usager usagère".split()
        ),
        stressed_pronouns=frozenset("lui elle eux elles".split()),
        relatives=frozenset("qui".split()),
        conjunctions=frozenset("et ou mais".split()),
        classifiers=frozenset("quotidien journal hebdomadaire mensuel magazine radio chaîne site préfecture mairie municipalité région département gendarmerie parquet ministère entreprise société groupe association organisation ong parti syndicat fédération compagnie firme club agence institut fondation opérateur gestionnaire constructeur".split()),
        complementisers=frozenset("que qu".split()),
        genitives=frozenset("de du des d".split()),
        prepositions=frozenset(
            "à au aux de du des d par avec pour contre chez sans sur sous vers entre "
            "envers auprès dans en selon après avant depuis pendant devant derrière malgré parmi".split()
        ),
        breakers=frozenset(
            "qui que qu dont où tandis alors avant après lors et mais ou car a ont est sont "
            "était avait s se sera fut lorsque quand puis".split()
        ),
        role_heads=frozenset(
            "président présidente ministre chancelier chancelière porte-parole dirigeant "
            "dirigeante chef cheffe secrétaire directeur directrice patron patronne maire "
            "député députée sénateur sénatrice juge procureur procureure ambassadeur "
            "ambassadrice roi reine pape général générale gouverneur gouverneure commissaire "
            "conseiller conseillère avocat avocate entraîneur entraîneuse entraineur entraineuse sélectionneur "
            "capitaine pilote journaliste journaliste-économiste astrophysicien "
            "astrophysicienne chercheur chercheuse scientifique professeur professeure auteur "
            "autrice leader candidat candidate élu élue vice-président vice-présidente "
            "responsable fondateur fondatrice économiste soldat militant militante "
            "syndicaliste opposant opposante homologue réalisateur réalisatrice acteur "
            "actrice écrivain écrivaine chanteur chanteuse photographe médecin policier "
            "policière témoin victime habitant habitante porte-voix autorité".split()
        ),
        generic_roles=frozenset("dirigeant dirigeante chef cheffe leader responsable autorité".split()),
        feminine_words=frozenset(
            "présidente chancelière dirigeante cheffe directrice patronne députée sénatrice "
            "procureure ambassadrice reine générale gouverneure conseillère avocate "
            "entraîneuse astrophysicienne chercheuse professeure autrice candidate élue "
            "vice-présidente fondatrice militante opposante réalisatrice actrice écrivaine "
            "chanteuse policière habitante la une".split()
        ),
        masculine_words=frozenset(
            "président chancelier dirigeant directeur patron député sénateur procureur "
            "ambassadeur roi gouverneur conseiller avocat entraîneur astrophysicien "
            "chercheur professeur candidat élu vice-président fondateur militant opposant "
            "réalisateur acteur chanteur policier habitant le un retraité".split()
        ),
        institution_words=frozenset(
            "gouvernement kremlin élysée maison-blanche commission conseil cour tribunal "
            "ministère parti société entreprise union club association agence armée "
            "police service observatoire université institut fédération comité "
            "automobile".split()
        ),
        institution_genders={
            **dict.fromkeys(
                "commission cour société entreprise union association agence armée police "
                "université fédération maison-blanche".split(),
                "f",
            ),
            **dict.fromkeys(
                "gouvernement kremlin élysée conseil tribunal ministère parti club service "
                "observatoire institut comité".split(),
                "m",
            ),
        },
        nationalities={
            "France": "français",
            "Allemagne": "allemand",
            "Russie": "russe",
            "Ukraine": "ukrainien",
            "États-Unis": "américain",
            "Royaume-Uni": "britannique",
            "Italie": "italien",
            "Espagne": "espagnol",
            "Belgique": "belge",
            "Chine": "chinois",
            "Japon": "japonais",
            "Canada": "canadien",
            "Corée du Sud": "sud-coréen",
            "Pologne": "polonais",
            "Suisse": "suisse",
            "Luxembourg": "luxembourgeois",
            "Pays-Bas": "néerlandais",
            "Portugal": "portugais",
            "Grèce": "grec",
            "Turquie": "turc",
            "Israël": "israélien",
            "Iran": "iranien",
            "Inde": "indien",
            "Brésil": "brésilien",
            "Mexique": "mexicain",
            "Québec": "québécois",
        },
        first_person=frozenset("je j me m moi nous notre nos on mon ma mes".split()),
        participle_endings=("ant",),
        gerund_markers=frozenset(["en"]),
        document_words=frozenset("communiqué déclaration lettre rapport message tweet publication texte courrier".split()),
        indefinites=frozenset("un une des plusieurs quelques".split()),
        definites=frozenset("le la l".split()),
        spokes_words=frozenset("porte-parole représentant représentante porte-voix".split()),
        not_names=frozenset(_NOT_NAMES.split()),
        phrase_stops=frozenset(
            "tandis qui que qu alors avant après lors lorsque quand mais car puis dont où "
            "suite en sur lui-même elle-même".split()
        ),
    )

#: Abbreviated months as dates write them ("3 fév. 2017").
MONTH_ABBREVIATIONS = (("janv", "fév", "mars", "avr", "mai", "juin", "juil", "août", "sept", "oct", "nov", "déc"),
                       ("", "fevrier", "", "", "", "", "", "aout", "", "", "", "decembre"),
                       ("", "fev", "", "", "", "", "", "", "", "", "", "dec"))

#: Speech verbs that make a sentence without saying what ("a réagi sur
#: Twitter : « … »"): a caption may end on them once the quotation is cut.
#: The others need their object ("a déclaré à propos de son poignet : « … »"
#: is no sentence without the quotation).
SPEECH_WITHOUT_OBJECT = forms(
    "réagir répondre commenter témoigner tweeter protester plaider ironiser insister réjouir indigner "
    "insurger inquiéter alarmer étonner emporter exclamer répliquer rétorquer poursuivre reprendre "
    "conclure tonner murmurer crier",
    french_forms,
    IRREGULAR,
)
