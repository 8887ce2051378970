"""Word lists and catalogs for vendors, customers, addresses and line items."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

# --- people / company names -------------------------------------------------

US_FIRST = ["James", "Maria", "Robert", "Linda", "Michael", "Karen", "David", "Susan", "Daniel", "Jessica",
            "Kevin", "Angela", "Brian", "Nicole", "Jason", "Megan", "Eric", "Laura", "Ryan", "Heather"]
US_LAST = ["Anderson", "Bennett", "Carlson", "Dawson", "Ellis", "Foster", "Garrison", "Hughes", "Jennings",
           "Kowalski", "Lindqvist", "Morales", "Nguyen", "Olsen", "Patel", "Reyes", "Sullivan", "Thornton",
           "Whitaker", "Yamamoto", "Brennan", "Castillo", "Delgado", "Fitzgerald", "Hartley", "McAllister"]
US_ADJ = ["Summit", "Blue Ridge", "Pioneer", "Harbor Point", "Keystone", "Great Lakes", "Red Rock", "Cascade",
          "Prairie", "Liberty", "Silver Creek", "Granite State", "Lone Star", "Evergreen", "Ironwood", "Bayside",
          "Northstar", "Copper Canyon", "Tri-County", "Heartland"]
US_NOUN = {
    "office": ["Office Products", "Business Supply", "Office Solutions", "Stationers"],
    "it": ["Technology Partners", "IT Solutions", "Computer Systems", "Networks"],
    "industrial": ["Industrial Supply", "Fastener & Tool", "MRO Supply", "Hardware Distributors"],
    "printing": ["Printing & Graphics", "Print Works", "Press", "Sign & Print"],
    "food": ["Food Service", "Provisions", "Coffee Roasters", "Restaurant Supply"],
    "cleaning": ["Janitorial Services", "Facility Services", "Building Maintenance"],
    "electrical": ["Electric Supply", "Electrical Distributors", "Lighting & Electric"],
}
US_FORMS = ["Inc.", "LLC", "Co.", "Corp.", "Inc.", ", Inc.", ", LLC"]
US_CUSTOMER = ["Medical Group", "Dental Associates", "Property Management", "Logistics", "Construction",
               "Engineering", "Law Offices", "Brewing Company", "Community College", "Veterinary Clinic",
               "Credit Union", "Architects", "Manufacturing", "Realty Group", "Senior Living"]

DE_LAST = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
           "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
           "Braun", "Krüger", "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Köhler", "Maier", "Vogt",
           "Brandt", "Haas", "Seidel", "Pohl", "Engel", "Ziegler", "Kuhn", "Winkler"]
DE_FIRST = ["Thomas", "Andrea", "Michael", "Sabine", "Stefan", "Claudia", "Frank", "Petra", "Jürgen", "Katrin",
            "Markus", "Julia", "Tobias", "Anja", "Matthias", "Nicole", "Jan", "Susanne", "Florian", "Birgit"]
DE_REGION = ["Rhein-Main", "Nordlicht", "Alpen", "Elbtal", "Schwarzwald", "Bodensee", "Weserland", "Isartal",
             "Havelland", "Spree", "Taunus", "Allgäu", "Ruhrgebiet", "Frankenland"]
DE_TRADE = {
    "office": ["Bürobedarf", "Bürotechnik", "Büroeinrichtung", "Papier & Büro"],
    "it": ["IT-Systemhaus", "Computertechnik", "Netzwerktechnik", "EDV-Service"],
    "industrial": ["Industriebedarf", "Befestigungstechnik", "Werkzeughandel", "Schrauben & Normteile"],
    "electrical": ["Elektrotechnik", "Elektro-Großhandel", "Elektroinstallation", "Licht & Strom"],
    "printing": ["Druckerei", "Medienhaus", "Werbetechnik", "Druck & Medien"],
    "food": ["Gastro-Service", "Frischdienst", "Kaffeerösterei", "Großküchenbedarf"],
    "cleaning": ["Gebäudereinigung", "Gebäudeservice", "Facility Services"],
}
DE_FORMS = ["GmbH", "GmbH", "GmbH & Co. KG", "AG", "e.K.", "KG", "UG (haftungsbeschränkt)"]
DE_CUSTOMER = ["Steuerberatung", "Zahnarztpraxis", "Autohaus", "Hausverwaltung", "Ingenieurbüro", "Bäckerei",
               "Architekten", "Logistik", "Maschinenbau", "Kanzlei", "Hotel", "Physiotherapie"]

FR_LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
           "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
           "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Chevalier", "Perrin"]
FR_FIRST = ["Jean", "Marie", "Pierre", "Sophie", "Nicolas", "Isabelle", "Julien", "Nathalie", "Laurent", "Céline",
            "Olivier", "Camille", "Sébastien", "Aurélie", "Mathieu", "Émilie"]
FR_WORD = ["Provence", "Atlantique", "Alpes", "Horizon", "Azur", "Loire", "Bretagne", "Lumière", "Méditerranée",
           "Rhône", "Vosges", "Océane", "Val de Seine", "Normandie", "Garonne"]
FR_TRADE = {
    "office": ["Fournitures de Bureau", "Bureautique", "Papeterie"],
    "it": ["Informatique", "Solutions Informatiques", "Réseaux & Systèmes"],
    "industrial": ["Outillage", "Fixations Industrielles", "Quincaillerie Pro"],
    "electrical": ["Électricité Générale", "Matériel Électrique", "Éclairage"],
    "printing": ["Imprimerie", "Arts Graphiques", "Impression Numérique"],
    "food": ["Distribution Alimentaire", "Primeurs", "Torréfaction", "Épicerie Fine"],
    "cleaning": ["Propreté", "Nettoyage Services", "Multiservices"],
}
FR_FORMS = ["SARL", "SAS", "SAS", "SA", "EURL", "SASU"]
FR_CUSTOMER = ["Cabinet", "Boulangerie", "Hôtel", "Garage", "Pharmacie", "Restaurant", "Agence", "Clinique",
               "Mairie de", "Lycée", "Atelier"]

NL_LAST = ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit",
           "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen",
           "Dekker", "Brouwer", "van der Meer", "Kok", "Verhoeven", "Willems"]
NL_FIRST = ["Jan", "Anouk", "Pieter", "Sanne", "Daan", "Lotte", "Bram", "Eva", "Thijs", "Fleur", "Ruud", "Marieke"]
NL_WORD = ["De Groene Vlinder", "Noorderlicht", "De Zwaluw", "Polderland", "Duinzicht", "Oranjeboom", "Windkracht",
           "De Molen", "Zeeland", "Veluwe", "Het Anker", "De Linde"]
NL_TRADE = {
    "office": ["Kantoorartikelen", "Kantoorinrichting", "Office Supplies"],
    "it": ["ICT Diensten", "Automatisering", "Netwerkbeheer"],
    "industrial": ["Technische Groothandel", "Bevestigingsmiddelen", "Gereedschappen"],
    "electrical": ["Installatietechniek", "Elektrotechniek", "Verlichting"],
    "printing": ["Drukkerij", "Grafisch Bureau", "Print & Sign"],
    "food": ["Groothandel", "Koffiebranderij", "Horecaservice", "Versgroothandel"],
    "cleaning": ["Schoonmaakdiensten", "Facilitaire Diensten", "Glazenwasserij"],
}
NL_FORMS = ["B.V.", "B.V.", "B.V.", "V.O.F.", "Holding B.V."]
NL_CUSTOMER = ["Tandartspraktijk", "Administratiekantoor", "Bakkerij", "Autobedrijf", "Huisartsenpraktijk",
               "Advocatenkantoor", "Hotel", "Kinderopvang", "Makelaardij", "Brasserie", "Sportschool"]

GB_LAST = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
           "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
           "Hughes", "Edwards", "Turner", "Hill", "Ashworth", "Pemberton"]
GB_FIRST = ["Oliver", "Amelia", "Harry", "Isla", "George", "Emily", "Jack", "Sophie", "Charlie", "Grace",
            "Thomas", "Chloe", "William", "Lucy", "Alfie", "Hannah"]
GB_WORD = ["Pennine", "Cotswold", "Thames", "Severn", "Northgate", "Kingfisher", "Brightwater", "Oakwood",
           "Redbrick", "Saltire", "Mersey", "Wessex", "Castlegate", "Heron", "Three Counties"]
GB_TRADE = {
    "office": ["Office Supplies", "Stationery", "Business Supplies"],
    "it": ["IT Services", "Computer Solutions", "Networks"],
    "industrial": ["Fixings", "Tool Hire", "Industrial Supplies"],
    "electrical": ["Electrical Wholesale", "Electrical Contractors", "Lighting"],
    "printing": ["Print & Design", "Printers", "Signs"],
    "food": ["Catering Supplies", "Fine Foods", "Coffee Co"],
    "cleaning": ["Cleaning Services", "Facilities Management", "Commercial Cleaning"],
}
GB_FORMS = ["Ltd", "Ltd", "Limited", "LLP", "Ltd", "plc"]
GB_CUSTOMER = ["Dental Practice", "Estate Agents", "Accountants", "Primary School", "Veterinary Surgery",
               "Solicitors", "Brewery", "Housing Association", "Garden Centre", "Physiotherapy"]

# --- addresses -----------------------------------------------------------------

# (city, state, zip, sales tax rate %)
US_CITIES = [
    ("Columbus", "OH", "43215", "7.5"), ("Austin", "TX", "78701", "8.25"), ("Denver", "CO", "80202", "8.81"),
    ("Portland", "OR", "97204", "0"), ("Raleigh", "NC", "27601", "7.25"), ("Minneapolis", "MN", "55401", "8.025"),
    ("Nashville", "TN", "37203", "9.25"), ("Phoenix", "AZ", "85004", "8.6"), ("Charlotte", "NC", "28202", "7.25"),
    ("Indianapolis", "IN", "46204", "7"), ("Salt Lake City", "UT", "84101", "7.75"), ("Kansas City", "MO", "64105", "8.85"),
    ("Tampa", "FL", "33602", "7.5"), ("Sacramento", "CA", "95814", "8.75"), ("Madison", "WI", "53703", "5.5"),
    ("Boise", "ID", "83702", "6"), ("Richmond", "VA", "23219", "6"), ("Pittsburgh", "PA", "15222", "7"),
    ("Albany", "NY", "12207", "8"), ("Omaha", "NE", "68102", "7"), ("Grand Rapids", "MI", "49503", "6"),
    ("Louisville", "KY", "40202", "6"), ("Chattanooga", "TN", "37402", "9.25"), ("Fort Worth", "TX", "76102", "8.25"),
]
US_STREETS = ["Industrial Pkwy", "Commerce Dr", "Main St", "Oak Street", "Lakeview Blvd", "Enterprise Way",
              "Market St", "Riverside Dr", "Elm Avenue", "Technology Ct", "Harbor Rd", "Meridian Ave", "Park Place",
              "Corporate Blvd", "W 5th Street", "N Broadway", "Airport Rd", "Madison Ave"]
US_SUITES = ["Suite 200", "Suite 110", "Unit B", "Building 4", "Floor 3", "Ste 450", "Dock 7"]

DE_CITIES = [("10115", "Berlin"), ("20095", "Hamburg"), ("80331", "München"), ("50667", "Köln"),
             ("60311", "Frankfurt am Main"), ("70173", "Stuttgart"), ("40210", "Düsseldorf"), ("04109", "Leipzig"),
             ("01067", "Dresden"), ("30159", "Hannover"), ("90402", "Nürnberg"), ("28195", "Bremen"),
             ("45127", "Essen"), ("44135", "Dortmund"), ("68159", "Mannheim"), ("76133", "Karlsruhe"),
             ("79098", "Freiburg im Breisgau"), ("93047", "Regensburg"), ("33602", "Bielefeld"), ("48143", "Münster"),
             ("55116", "Mainz"), ("24103", "Kiel"), ("86150", "Augsburg"), ("97070", "Würzburg")]
DE_STREETS = ["Hauptstraße", "Bahnhofstraße", "Industriestraße", "Gewerbering", "Lindenallee", "Am Mühlbach",
              "Gartenstraße", "Schillerstraße", "Goethestraße", "Friedrichstraße", "Max-Planck-Straße",
              "Robert-Bosch-Straße", "Carl-Zeiss-Ring", "Im Gewerbepark", "Kaiserstraße", "Ludwigstraße",
              "Am Hafen", "Siemensstraße", "Poststraße", "Marktplatz"]
DE_COURTS = {"Berlin": "Berlin (Charlottenburg)", "Frankfurt am Main": "Frankfurt am Main"}

FR_CITIES = [("75011", "Paris"), ("69002", "Lyon"), ("13001", "Marseille"), ("31000", "Toulouse"),
             ("33000", "Bordeaux"), ("44000", "Nantes"), ("59000", "Lille"), ("67000", "Strasbourg"),
             ("34000", "Montpellier"), ("35000", "Rennes"), ("06000", "Nice"), ("38000", "Grenoble"),
             ("21000", "Dijon"), ("37000", "Tours"), ("49000", "Angers"), ("63000", "Clermont-Ferrand"),
             ("92100", "Boulogne-Billancourt"), ("51100", "Reims")]
FR_STREETS = ["rue de la République", "rue Victor Hugo", "avenue Jean Jaurès", "boulevard Gambetta",
              "rue du Général de Gaulle", "rue des Lilas", "allée des Tilleuls", "chemin du Moulin",
              "place de la Liberté", "rue Pasteur", "quai de la Loire", "avenue de la Gare", "rue Nationale",
              "impasse des Artisans", "rue de l'Industrie", "boulevard Voltaire"]

NL_CITIES = [("1015 CJ", "Amsterdam"), ("3011 AB", "Rotterdam"), ("2511 BT", "Den Haag"), ("3511 LX", "Utrecht"),
             ("5611 AZ", "Eindhoven"), ("9711 LM", "Groningen"), ("6811 KD", "Arnhem"), ("5038 CB", "Tilburg"),
             ("4811 XJ", "Breda"), ("2011 HG", "Haarlem"), ("6511 HR", "Nijmegen"), ("7511 JE", "Enschede"),
             ("8011 CW", "Zwolle"), ("1811 KK", "Alkmaar"), ("3811 MG", "Amersfoort"), ("2312 BK", "Leiden")]
NL_STREETS = ["Keizersgracht", "Stationsweg", "Industrieweg", "Kerkstraat", "Molenweg", "Nieuwe Binnenweg",
              "Dorpsstraat", "Hoofdstraat", "Marconistraat", "Koningin Wilhelminalaan", "Energieweg",
              "Handelsweg", "Lange Voorhout", "Oudegracht", "Zuiderzeelaan", "Edisonstraat"]

GB_CITIES = [("Manchester", "M1 2HF"), ("Leeds", "LS1 4DY"), ("Bristol", "BS1 6QA"), ("Birmingham", "B3 2DN"),
             ("Sheffield", "S1 2GH"), ("Nottingham", "NG1 5FS"), ("Edinburgh", "EH2 4AD"), ("Glasgow", "G2 1DY"),
             ("Cardiff", "CF10 1EP"), ("Reading", "RG1 3JH"), ("Norwich", "NR2 1RQ"), ("Leicester", "LE1 5YA"),
             ("Brighton", "BN1 1AE"), ("York", "YO1 7HH"), ("Exeter", "EX1 1GE"), ("Cambridge", "CB2 1TN")]
GB_STREETS = ["High Street", "Station Road", "Church Lane", "Mill Lane", "Victoria Road", "Queen Street",
              "King's Road", "Dock Road", "Market Place", "Park Road", "London Road", "Albert Street"]
GB_PREMISES = ["Unit 4, Riverside Business Park", "Unit 12, Lakeside Estate", "2nd Floor, Bank Chambers",
               "The Old Mill", "Suite 3, Northgate House", "Unit 7B, Enterprise Park"]

IE_CITIES = [("Dublin 2", "D02 X285"), ("Dublin 4", "D04 V1W8"), ("Cork", "T12 W8DR"), ("Galway", "H91 E2K3")]
IE_STREETS = ["Merrion Square", "Baggot Street Lower", "Harcourt Street", "South Mall", "Dock Road", "Eyre Square"]


def us_street(rng: random.Random) -> str:
    return f"{rng.randint(100, 9899)} {rng.choice(US_STREETS)}"


def de_street(rng: random.Random) -> str:
    num = str(rng.randint(1, 148)) + rng.choice(["", "", "", "a", "b"])
    return f"{rng.choice(DE_STREETS)} {num}"


def fr_street(rng: random.Random) -> str:
    num = str(rng.randint(1, 180)) + rng.choice(["", "", "", " bis", " ter"])
    return f"{num} {rng.choice(FR_STREETS)}"


def nl_street(rng: random.Random) -> str:
    num = str(rng.randint(1, 250)) + rng.choice(["", "", "", "-A", " B", "-3"])
    return f"{rng.choice(NL_STREETS)} {num}"


def gb_street(rng: random.Random) -> str:
    return f"{rng.randint(1, 240)} {rng.choice(GB_STREETS)}"


# --- catalogs ----------------------------------------------------------------

UNITS: dict[str, dict[str, str]] = {
    "pcs": {"en": "ea", "de": "Stk.", "fr": "u.", "nl": "st."},
    "box": {"en": "box", "de": "Pck.", "fr": "bte", "nl": "doos"},
    "ream": {"en": "ream", "de": "Pck.", "fr": "rame", "nl": "pak"},
    "hr": {"en": "hrs", "de": "Std.", "fr": "h", "nl": "uur"},
    "m": {"en": "m", "de": "m", "fr": "m", "nl": "m"},
    "m2": {"en": "m²", "de": "m²", "fr": "m²", "nl": "m²"},
    "flat": {"en": "flat", "de": "psch.", "fr": "forf.", "nl": "post"},
    "kg": {"en": "kg", "de": "kg", "fr": "kg", "nl": "kg"},
    "roll": {"en": "roll", "de": "Ring", "fr": "cour.", "nl": "rol"},
    "set": {"en": "set", "de": "Set", "fr": "lot", "nl": "set"},
    "case": {"en": "case", "de": "Krt.", "fr": "colis", "nl": "doos"},
    "mo": {"en": "mo", "de": "Mon.", "fr": "mois", "nl": "mnd"},
}


@dataclass(frozen=True)
class CatalogItem:
    """A catalog entry; ``{x}`` placeholders are filled from ``params``."""

    code: str
    text: dict[str, str]
    unit: str
    price: tuple[str, str]
    qty: tuple[int, int]
    params: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fractional: bool = False  # quantities like 2.5

    def render(self, lang: str, rng: random.Random) -> tuple[str, str]:
        """Return (description, product code) with random parameters."""
        values = {k: rng.choice(v) for k, v in self.params.items()}
        text = self.text.get(lang) or self.text["en"]
        code = self.code
        for k, v in values.items():
            shown = v.replace(".", ",") if lang in ("de", "fr", "nl") else v
            text = text.replace("{" + k + "}", shown)
            code = code.replace("{" + k + "}", "".join(ch for ch in v if ch.isalnum()))
        return text, code

    def draw_price(self, rng: random.Random) -> Decimal:
        lo, hi = Decimal(self.price[0]), Decimal(self.price[1])
        cents = rng.randint(int(lo * 100), int(hi * 100))
        # prices usually end in 0, 5, 9 or 50
        cents = cents - cents % 5 if rng.random() < 0.6 else cents - cents % 100 + rng.choice([0, 50, 90, 95, 99])
        return (Decimal(max(cents, int(lo * 100))) / 100).quantize(Decimal("0.01"))

    def draw_qty(self, rng: random.Random) -> Decimal:
        q = Decimal(rng.randint(*self.qty))
        if self.fractional and rng.random() < 0.5:
            q += Decimal(rng.choice(["0.5", "0.25", "0.75"]))
        return q


def _c(code: str, en: str, de: str, fr: str, nl: str, unit: str, price: tuple[str, str], qty: tuple[int, int],
       fractional: bool = False, **params: tuple[str, ...]) -> CatalogItem:
    return CatalogItem(code, {"en": en, "de": de, "fr": fr, "nl": nl}, unit, price, qty, params, fractional)


COLORS = ("black", "blue", "red", "green")
CATALOGS: dict[str, list[CatalogItem]] = {
    "office": [
        _c("PAP-A4-80", "Copy paper A4 80 g/m², 500 sheets", "Kopierpapier A4 80 g/m², 500 Blatt",
           "Papier reprographique A4 80 g/m², ramette de 500 feuilles", "Kopieerpapier A4 80 g/m², 500 vel",
           "ream", ("3.90", "6.50"), (5, 60)),
        _c("TON-{m}", "Toner cartridge {m}, black, high yield", "Tonerkartusche {m} schwarz, hohe Kapazität",
           "Cartouche de toner {m} noir, haute capacité", "Tonercartridge {m} zwart, hoge capaciteit",
           "pcs", ("54.00", "139.00"), (1, 6), m=("HP 26X", "TN-2420", "TK-5240K", "Canon 055H", "HP 59A")),
        _c("PEN-050", "Ballpoint pens, blue, box of 50", "Kugelschreiber blau, 50er-Pack",
           "Stylos bille bleus, boîte de 50", "Balpennen blauw, doos à 50 stuks", "box", ("8.50", "19.90"), (1, 8)),
        _c("ORD-80-{c}", "Lever arch file A4, 80 mm spine", "Ordner A4, Rückenbreite 80 mm",
           "Classeur à levier A4, dos 80 mm", "Ordner A4, rugbreedte 80 mm", "pcs", ("2.10", "4.90"), (10, 50),
           c=("1", "2", "3")),
        _c("NOT-7676", "Sticky notes 76 x 76 mm, yellow, 12 pads", "Haftnotizen 76 x 76 mm, gelb, 12 Blöcke",
           "Notes repositionnables 76 x 76 mm, jaune, 12 blocs", "Memoblokjes 76 x 76 mm, geel, 12 stuks",
           "set", ("6.90", "14.50"), (1, 10)),
        _c("WBM-04", "Whiteboard markers, assorted colours, set of 4", "Whiteboardmarker, 4 Farben sortiert",
           "Marqueurs pour tableau blanc, pochette de 4", "Whiteboardstiften, set van 4 kleuren",
           "set", ("4.50", "9.90"), (2, 12)),
        _c("ENV-C4W", "Envelopes C4 with window, self-seal, 250 pcs", "Versandtaschen C4 mit Fenster, haftklebend, 250 Stk.",
           "Enveloppes C4 à fenêtre, autocollantes, boîte de 250", "Enveloppen C4 met venster, zelfklevend, 250 stuks",
           "box", ("21.00", "39.00"), (1, 4)),
        _c("CHR-ERG{n}", "Office chair ErgoPro {n}, black mesh back", "Bürodrehstuhl ErgoPro {n}, Netzrücken schwarz",
           "Fauteuil de bureau ErgoPro {n}, dossier résille noir", "Bureaustoel ErgoPro {n}, zwarte netrug",
           "pcs", ("189.00", "349.00"), (1, 4), n=("300", "350", "500")),
        _c("LBL-12BW", "Label tape 12 mm, black on white, 8 m", "Schriftband 12 mm schwarz auf weiß, 8 m",
           "Ruban d'étiquettes 12 mm noir sur blanc, 8 m", "Labeltape 12 mm zwart op wit, 8 m",
           "pcs", ("12.90", "24.90"), (2, 10)),
        _c("STP-30", "Stapler, 30 sheet capacity", "Heftgerät für 30 Blatt", "Agrafeuse 30 feuilles",
           "Nietmachine voor 30 vel", "pcs", ("7.90", "18.50"), (1, 5)),
        _c("CFE-1KG", "Coffee beans, espresso blend, 1 kg", "Kaffeebohnen Espresso, 1 kg", "Café en grains espresso, 1 kg",
           "Koffiebonen espresso, 1 kg", "pcs", ("14.90", "27.50"), (2, 12)),
        _c("BAT-AA24", "Alkaline batteries AA, pack of 24", "Alkaline-Batterien AA (Mignon), 24er-Pack",
           "Piles alcalines AA, lot de 24", "Alkaline batterijen AA, 24 stuks", "set", ("9.90", "17.90"), (1, 6)),
    ],
    "it": [
        _c("NB-{m}", "Laptop {m}, 14\", i7, 16 GB RAM, 512 GB SSD", "Notebook {m}, 14 Zoll, i7, 16 GB RAM, 512 GB SSD",
           "Ordinateur portable {m}, 14\", i7, 16 Go RAM, SSD 512 Go", "Laptop {m}, 14 inch, i7, 16 GB RAM, 512 GB SSD",
           "pcs", ("1049.00", "1699.00"), (1, 5), m=("ThinkPad T14", "Latitude 5440", "EliteBook 840")),
        _c("MON-27{m}", "Monitor 27\" QHD {m}, height adjustable", "Monitor 27 Zoll QHD {m}, höhenverstellbar",
           "Écran 27\" QHD {m}, réglable en hauteur", "Monitor 27 inch QHD {m}, in hoogte verstelbaar",
           "pcs", ("229.00", "389.00"), (1, 6), m=("P2723D", "27QN600", "XUB2792")),
        _c("DOCK-USBC", "USB-C docking station, 100 W power delivery", "USB-C Dockingstation, 100 W Power Delivery",
           "Station d'accueil USB-C, alimentation 100 W", "USB-C-dockingstation, 100 W power delivery",
           "pcs", ("149.00", "259.00"), (1, 6)),
        _c("KBM-W", "Wireless keyboard and mouse set", "Tastatur-Maus-Set kabellos", "Ensemble clavier et souris sans fil",
           "Draadloze toetsenbord- en muisset", "set", ("39.00", "79.00"), (1, 8)),
        _c("CAT6-{l}", "Patch cable Cat6 S/FTP {l} m, grey", "Patchkabel Cat.6 S/FTP {l} m, grau",
           "Câble réseau Cat6 S/FTP {l} m, gris", "Patchkabel Cat6 S/FTP {l} m, grijs",
           "pcs", ("2.50", "7.90"), (5, 40), l=("0.5", "1", "2", "3", "5")),
        _c("SSD-1TB", "SSD 1 TB NVMe M.2 PCIe 4.0", "SSD 1 TB NVMe M.2 PCIe 4.0", "SSD 1 To NVMe M.2 PCIe 4.0",
           "SSD 1 TB NVMe M.2 PCIe 4.0", "pcs", ("69.00", "129.00"), (1, 6)),
        _c("SW-24G", "Network switch, 24 port Gigabit, managed", "Netzwerk-Switch 24 Port Gigabit, managed",
           "Switch réseau 24 ports Gigabit administrable", "Netwerkswitch 24-poorts Gigabit, managed",
           "pcs", ("189.00", "420.00"), (1, 2)),
        _c("SRV-INST", "On-site installation and configuration", "Installation und Einrichtung vor Ort",
           "Installation et paramétrage sur site", "Installatie en configuratie op locatie",
           "hr", ("75.00", "125.00"), (1, 8), fractional=True),
        _c("M365-BS", "Microsoft 365 Business Standard, annual subscription",
           "Microsoft 365 Business Standard, Jahresabonnement", "Microsoft 365 Business Standard, abonnement annuel",
           "Microsoft 365 Business Standard, jaarabonnement", "pcs", ("125.00", "150.00"), (1, 15)),
        _c("UPS-1500", "UPS 1500 VA line-interactive, rack mount", "USV 1500 VA line-interaktiv, Rackeinbau",
           "Onduleur 1500 VA line-interactive, rackable", "UPS 1500 VA line-interactive, rackmontage",
           "pcs", ("210.00", "380.00"), (1, 2)),
    ],
    "industrial": [
        _c("933-{d}{l}", "Hex bolt ISO 4017 M{d} x {l}, zinc plated, box of 100",
           "Sechskantschraube DIN 933 M{d} x {l}, verzinkt, VE 100",
           "Vis tête hexagonale ISO 4017 M{d} x {l}, zinguée, boîte de 100",
           "Zeskantbout DIN 933 M{d} x {l}, verzinkt, doos à 100", "box", ("6.90", "38.00"), (1, 12),
           d=("6", "8", "10", "12"), l=("20", "30", "40", "50", "60", "80")),
        _c("934-{d}", "Hex nut ISO 4032 M{d}, zinc plated, box of 200", "Sechskantmutter DIN 934 M{d}, verzinkt, VE 200",
           "Écrou hexagonal ISO 4032 M{d}, zingué, boîte de 200", "Zeskantmoer DIN 934 M{d}, verzinkt, doos à 200",
           "box", ("4.90", "19.50"), (1, 10), d=("5", "6", "8", "10", "12", "16")),
        _c("125-{d}", "Flat washer ISO 7089 {d} mm, stainless A2, box of 500",
           "Unterlegscheibe DIN 125 {d} mm, Edelstahl A2, VE 500",
           "Rondelle plate ISO 7089 {d} mm, inox A2, boîte de 500",
           "Sluitring DIN 125 {d} mm, RVS A2, doos à 500", "box", ("5.50", "24.00"), (1, 8),
           d=("5.3", "6.4", "8.4", "10.5", "13")),
        _c("SPS-{d}{l}", "Chipboard screw {d} x {l} mm, countersunk, Torx, box of 200",
           "Spanplattenschraube {d} x {l} mm, Senkkopf, TX, VE 200",
           "Vis agglo tête fraisée {d} x {l} mm, Torx, boîte de 200",
           "Spaanplaatschroef {d} x {l} mm, verzonken kop, Torx, doos à 200", "box", ("5.90", "22.90"), (1, 15),
           d=("3.5", "4", "4.5", "5", "6"), l=("30", "40", "50", "60", "80")),
        _c("DUE-{d}", "Nylon wall plug {d} mm, box of 100", "Nylon-Dübel {d} mm, VE 100", "Cheville nylon {d} mm, boîte de 100",
           "Nylon plug {d} mm, doos à 100", "box", ("3.90", "11.90"), (1, 10), d=("5", "6", "8", "10", "12")),
        _c("HSS-{d}", "HSS twist drill bit Ø {d} mm, DIN 338", "HSS-Spiralbohrer Ø {d} mm, DIN 338", "Foret HSS Ø {d} mm, DIN 338",
           "HSS-spiraalboor Ø {d} mm, DIN 338", "pcs", ("1.90", "14.50"), (2, 20), d=("3", "4", "5", "6", "8", "10", "12")),
        _c("TS-125", "Cutting disc 125 x 1.0 mm, stainless steel", "Trennscheibe 125 x 1,0 mm, Inox",
           "Disque à tronçonner 125 x 1,0 mm, inox", "Doorslijpschijf 125 x 1,0 mm, inox", "pcs", ("1.20", "3.90"), (10, 100)),
        _c("HS-NIT-{s}", "Nitrile coated work gloves, size {s}", "Montagehandschuhe Nitril, Gr. {s}",
           "Gants de travail enduits nitrile, taille {s}", "Werkhandschoenen nitril, maat {s}",
           "pcs", ("1.90", "5.90"), (12, 120), s=("8", "9", "10", "11")),
        _c("KB-{w}{l}", "Cable ties {w} x {l} mm, black, pack of 100", "Kabelbinder {w} x {l} mm, schwarz, VE 100",
           "Colliers de serrage {w} x {l} mm, noirs, sachet de 100", "Tiewraps {w} x {l} mm, zwart, zak à 100",
           "set", ("1.90", "8.90"), (2, 30), w=("2.5", "3.6", "4.8", "7.6"), l=("100", "200", "300", "370")),
        _c("SPR-400", "Multi-purpose lubricant spray, 400 ml", "Multifunktionsspray, 400 ml", "Lubrifiant multifonction, aérosol 400 ml",
           "Multispray smeermiddel, 400 ml", "pcs", ("4.90", "9.90"), (6, 24)),
        _c("GT-50", "Duct tape 50 mm x 50 m, silver", "Gewebeband 50 mm x 50 m, silber", "Ruban adhésif toilé 50 mm x 50 m, argent",
           "Ducttape 50 mm x 50 m, zilver", "roll", ("3.90", "8.90"), (6, 36)),
    ],
    "electrical": [
        _c("NYM-3{c}", "Installation cable NYM-J 3 x {c} mm², coil 50 m", "Mantelleitung NYM-J 3 x {c} mm², Ring 50 m",
           "Câble R2V 3G{c} mm², couronne de 50 m", "Installatiekabel YMvK 3 x {c} mm², rol 50 m",
           "roll", ("39.00", "89.00"), (1, 10), c=("1.5", "2.5")),
        _c("LS-B{a}", "Miniature circuit breaker B{a}, 1-pole", "Leitungsschutzschalter B{a}, 1-polig",
           "Disjoncteur modulaire {a} A, courbe B, 1P", "Installatieautomaat B{a}, 1-polig",
           "pcs", ("3.90", "12.90"), (2, 24), a=("10", "13", "16", "20")),
        _c("FI-40-30", "Residual current device 40 A / 30 mA, 4-pole", "FI-Schutzschalter 40 A / 30 mA, 4-polig",
           "Interrupteur différentiel 40 A / 30 mA, 4P", "Aardlekschakelaar 40 A / 30 mA, 4-polig",
           "pcs", ("24.90", "59.00"), (1, 6)),
        _c("LED-P{w}", "LED panel 620 x 620 mm, {w} W, 4000 K", "LED-Panel 620 x 620 mm, {w} W, 4000 K",
           "Dalle LED 620 x 620 mm, {w} W, 4000 K", "LED-paneel 620 x 620 mm, {w} W, 4000 K",
           "pcs", ("29.00", "79.00"), (2, 20), w=("30", "36", "40")),
        _c("SD-UP-W", "Flush-mounted socket outlet, pure white", "Schutzkontakt-Steckdose UP, reinweiß",
           "Prise de courant encastrée 2P+T, blanc", "Wandcontactdoos inbouw, wit", "pcs", ("2.90", "8.90"), (5, 40)),
        _c("AD-8585", "Junction box 85 x 85 mm, IP54", "Abzweigdose AP 85 x 85 mm, IP54", "Boîte de dérivation 85 x 85 mm, IP54",
           "Lasdoos opbouw 85 x 85 mm, IP54", "pcs", ("1.50", "4.90"), (5, 50)),
        _c("IR-M{d}", "Conduit M{d}, grey, per metre", "Isolierrohr M{d}, grau, Meterware", "Gaine ICTA Ø {d} mm, grise, au mètre",
           "Installatiebuis {d} mm, grijs, per meter", "m", ("0.60", "2.40"), (10, 100), d=("16", "20", "25")),
        _c("WAGO-{n}", "Lever connector, {n}-conductor, pack of 50", "Verbindungsklemme mit Hebel, {n}-polig, VE 50",
           "Borne de connexion à levier, {n} conducteurs, lot de 50", "Lasklem met hendel, {n}-voudig, zak à 50",
           "set", ("9.90", "24.90"), (1, 8), n=("2", "3", "5")),
        _c("BWM-180", "PIR motion sensor 180°, white", "Bewegungsmelder 180°, weiß", "Détecteur de mouvement 180°, blanc",
           "Bewegingsmelder 180°, wit", "pcs", ("14.90", "39.90"), (1, 10)),
        _c("MONT-H", "Electrician labour", "Montage Elektroinstallation", "Main d'œuvre électricien",
           "Arbeidsloon monteur", "hr", ("48.00", "78.00"), (1, 16), fractional=True),
    ],
    "printing": [
        _c("FLY-A5-{n}", "Flyers A5, 4/4 colour, 135 g gloss, {n} pcs", "Flyer DIN A5, 4/4-farbig, 135 g Bilderdruck glänzend, {n} Stück",
           "Flyers A5 quadri recto-verso, couché brillant 135 g, {n} ex.", "Flyers A5, 4/4 full colour, 135 g mc glans, {n} stuks",
           "set", ("39.00", "189.00"), (1, 3), n=("1000", "2500", "5000")),
        _c("VK-{n}", "Business cards 85 x 55 mm, 350 g matt, {n} pcs", "Visitenkarten 85 x 55 mm, 350 g matt, {n} Stück",
           "Cartes de visite 85 x 55 mm, 350 g mat, {n} ex.", "Visitekaartjes 85 x 55 mm, 350 g mat, {n} stuks",
           "set", ("24.00", "69.00"), (1, 6), n=("250", "500", "1000")),
        _c("RU-85", "Roll-up banner 85 x 200 cm incl. carry bag", "Roll-Up Display 85 x 200 cm inkl. Tasche",
           "Kakémono roll-up 85 x 200 cm avec sac de transport", "Roll-up banner 85 x 200 cm incl. draagtas",
           "pcs", ("69.00", "149.00"), (1, 4)),
        _c("BR-A4-{p}", "Brochure A4, {p} pages, saddle stitched, 500 copies", "Broschüre DIN A4, {p} Seiten, Rückstichheftung, 500 Ex.",
           "Brochure A4, {p} pages, piqûre à cheval, 500 ex.", "Brochure A4, {p} pagina's, geniet, 500 ex.",
           "set", ("390.00", "980.00"), (1, 2), p=("8", "12", "16", "24")),
        _c("DES-H", "Graphic design and layout", "Grafikdesign und Satz", "Création graphique et mise en page",
           "Grafisch ontwerp en opmaak", "hr", ("55.00", "95.00"), (1, 12), fractional=True),
        _c("PROOF", "Colour proof (hard copy)", "Farbverbindlicher Proof", "Épreuve couleur (BAT papier)", "Kleurproef (hardcopy)",
           "pcs", ("12.00", "35.00"), (1, 3)),
        _c("PL-A2-{n}", "Posters A2, 170 g, {n} pcs", "Plakate DIN A2, 170 g, {n} Stück", "Affiches A2, 170 g, {n} ex.",
           "Posters A2, 170 g, {n} stuks", "set", ("49.00", "149.00"), (1, 3), n=("50", "100", "250")),
        _c("BP-A4", "Letterhead A4, 100 g uncoated, 1000 sheets", "Briefpapier DIN A4, 100 g Offset, 1000 Blatt",
           "Papier à en-tête A4, 100 g offset, 1000 feuilles", "Briefpapier A4, 100 g houtvrij, 1000 vel",
           "set", ("79.00", "169.00"), (1, 2)),
    ],
    "food": [
        _c("CAF-ESP-1", "Coffee beans, espresso blend, 1 kg", "Kaffeebohnen Espresso Bar, 1 kg", "Café en grains, mélange espresso, 1 kg",
           "Koffiebonen espresso melange, 1 kg", "kg", ("14.90", "26.90"), (4, 30)),
        _c("LAIT-12", "Whole milk UHT 1 L, case of 12", "H-Vollmilch 3,5 % 1 l, Karton à 12", "Lait entier UHT 1 L, pack de 12",
           "Volle melk 1 L, doos à 12", "case", ("10.90", "16.90"), (2, 20)),
        _c("GOB-20", "Paper cups 8 oz, case of 1000", "Pappbecher 0,2 l, Karton à 1000", "Gobelets carton 20 cl, carton de 1000",
           "Koffiebekers karton 200 ml, doos à 1000", "case", ("29.00", "59.00"), (1, 6)),
        _c("SUC-4G", "Sugar sticks 4 g, box of 1000", "Zuckersticks 4 g, Karton à 1000", "Bûchettes de sucre 4 g, boîte de 1000",
           "Suikersticks 4 g, doos à 1000", "box", ("11.90", "22.90"), (1, 6)),
        _c("SERV-33", "Napkins 33 x 33 cm, 2-ply, white, 1000 pcs", "Servietten 33 x 33 cm, 2-lagig, weiß, 1000 Stk.",
           "Serviettes 33 x 33 cm, 2 plis, blanches, 1000 pcs", "Servetten 33 x 33 cm, 2-laags, wit, 1000 stuks",
           "case", ("14.90", "29.90"), (1, 8)),
        _c("HUI-5L", "Extra virgin olive oil, 5 L can", "Olivenöl nativ extra, 5-l-Kanister", "Huile d'olive vierge extra, bidon de 5 L",
           "Olijfolie extra vierge, blik 5 L", "pcs", ("34.00", "64.00"), (1, 6)),
        _c("FAR-T55", "Wheat flour type 550, 25 kg sack", "Weizenmehl Type 550, 25-kg-Sack", "Farine de blé T55, sac de 25 kg",
           "Tarwebloem, zak 25 kg", "pcs", ("17.50", "29.90"), (1, 10)),
        _c("BEU-250", "Unsalted butter 82%, 10 x 250 g", "Süßrahmbutter 82 %, 10 x 250 g", "Beurre doux 82 % MG, 10 x 250 g",
           "Roomboter ongezouten, 10 x 250 g", "case", ("21.00", "34.00"), (1, 8)),
        _c("FRI-9", "Frozen fries 9 mm, 4 x 2.5 kg", "TK-Pommes frites 9 mm, 4 x 2,5 kg", "Frites surgelées 9 mm, 4 x 2,5 kg",
           "Diepvriesfriet 9 mm, 4 x 2,5 kg", "case", ("14.90", "24.90"), (2, 12)),
        _c("DET-10", "Dishwasher detergent, 10 L", "Spülmaschinenreiniger flüssig, 10 l", "Détergent lave-vaisselle, bidon de 10 L",
           "Vaatwasmiddel vloeibaar, 10 L", "pcs", ("19.90", "39.90"), (1, 6)),
        _c("THE-100", "Organic black tea, 100 bags", "Bio-Schwarztee, 100 Beutel", "Thé noir bio, 100 sachets",
           "Biologische zwarte thee, 100 zakjes", "box", ("6.90", "14.90"), (1, 12)),
    ],
    "cleaning": [
        _c("UR-MON", "Office cleaning, monthly flat rate ({month})", "Unterhaltsreinigung Büro, Monatspauschale ({month})",
           "Nettoyage des bureaux, forfait mensuel ({month})", "Kantoorschoonmaak, maandtarief ({month})",
           "mo", ("480.00", "1890.00"), (1, 1)),
        _c("GLAS", "Window cleaning, inside and outside", "Glasreinigung innen und außen", "Nettoyage des vitres intérieur et extérieur",
           "Glasbewassing binnen en buiten", "flat", ("120.00", "390.00"), (1, 1)),
        _c("TEP-GR", "Carpet deep cleaning", "Teppichgrundreinigung", "Shampouinage moquette", "Tapijt dieptereiniging",
           "m2", ("2.40", "4.90"), (40, 260)),
        _c("VM-HYG", "Consumables restock (paper towels, soap, bin liners)", "Verbrauchsmaterial (Papierhandtücher, Seife, Müllbeutel)",
           "Consommables (essuie-mains, savon, sacs poubelle)", "Verbruiksartikelen (handdoekjes, zeep, vuilniszakken)",
           "flat", ("45.00", "160.00"), (1, 1)),
        _c("SR-H", "Additional cleaning hours (event)", "Sonderreinigung nach Veranstaltung", "Heures de nettoyage supplémentaires",
           "Extra schoonmaakuren (evenement)", "hr", ("27.50", "39.50"), (2, 12), fractional=True),
        _c("ANF", "Call-out charge", "Anfahrtspauschale", "Frais de déplacement", "Voorrijkosten", "flat", ("25.00", "65.00"), (1, 1)),
    ],
}

SHIPPING = {"en": "Shipping & handling", "de": "Versandkostenpauschale", "fr": "Frais de port et d'emballage",
            "nl": "Verzendkosten"}

# --- services (consulting) ------------------------------------------------------

SERVICE_LINES = [
    "Backend development: payment service integration, webhook retries and idempotency keys for the order API",
    "Project management, sprint planning and weekly status meetings with the product team",
    "Code review and pair programming sessions; remediation of findings from the external penetration test",
    "Data migration planning: mapping of legacy ERP tables, test loads and reconciliation reports",
    "Remote training workshop for the finance team (month-end close in the new reporting tool)",
    "Architecture review of the customer portal and written recommendations for caching and scaling",
    "UX research: six stakeholder interviews, synthesis and journey map for the onboarding flow",
    "Implementation of SSO (SAML/OIDC) for the partner extranet including documentation",
    "Cloud cost review and rightsizing of the staging environment, incl. follow-up call",
    "Preparation and facilitation of the quarterly steering committee, minutes and action log",
    "Tax advisory: review of intra-EU supply chain and VAT registration requirements",
    "Drafting and negotiation of the master services agreement and data processing addendum",
    "Bug fixing and release support for version 3.2, hotfix deployment and smoke tests",
    "Analytics dashboard: KPI definitions, SQL models and Power BI report for sales operations",
    "Copywriting and localisation review of product pages (EN/DE), two feedback rounds",
    "On-site visit: inventory process assessment at the distribution centre, incl. travel time",
]
SERVICE_FIRMS = ["Consulting", "Advisory", "Partners", "Digital", "Analytics", "Studio", "Labs", "Associates"]
SERVICE_NAMES = ["Brightline", "Northbeam", "Kestrel", "Meridian", "Clearwater", "Foxglove", "Halcyon", "Ridgeway",
                 "Lattice", "Blackthorn", "Quarry Hill", "Silverpine", "Cobalt Bay", "Tidewater"]

# --- retail receipts ---------------------------------------------------------------

RECEIPT_STORES = {
    "grocery": (["FRESH MARKET", "VALLEY FOODS", "GREEN GROCER CO-OP", "SUNNYSIDE MARKET", "CORNER PANTRY"], [
        ("ORGANIC BANANAS", "0.69", "1.29"), ("WHOLE MILK 1 GAL", "3.49", "4.99"), ("SOURDOUGH LOAF", "4.29", "6.99"),
        ("EGGS LARGE 12CT", "2.99", "5.49"), ("CHEDDAR SHARP 8OZ", "3.49", "5.99"), ("BABY SPINACH 5OZ", "2.99", "4.49"),
        ("GREEK YOGURT 32OZ", "4.99", "6.99"), ("CHICKEN BREAST LB", "3.99", "6.99"), ("PASTA PENNE 16OZ", "1.29", "2.49"),
        ("TOMATO SAUCE 24OZ", "2.49", "4.29"), ("AVOCADO HASS", "0.99", "1.99"), ("COFFEE GROUND 12OZ", "6.99", "11.99"),
        ("PAPER TOWELS 6PK", "7.99", "12.99"), ("SPARKLING WATER 12PK", "4.99", "7.49"), ("APPLES HONEYCRISP LB", "1.99", "3.49"),
    ]),
    "hardware": (["ACE CORNER HARDWARE", "MAIN STREET HARDWARE", "TRUE VALUE HOME & GARDEN", "BUILDERS DEPOT"], [
        ("WOOD SCREW #8 1-1/4 100PK", "5.49", "8.99"), ("DUCT TAPE 1.88IN", "6.99", "9.99"), ("LED BULB A19 4PK", "7.99", "14.99"),
        ("EXT CORD 25FT 16/3", "12.99", "21.99"), ("PAINT ROLLER 9IN", "5.99", "9.49"), ("SANDPAPER 120GR 5PK", "3.99", "6.49"),
        ("WD-40 12OZ", "5.99", "8.49"), ("ZIP TIES 8IN 100PK", "4.49", "7.99"), ("UTILITY KNIFE", "6.99", "12.99"),
        ("WORK GLOVES L", "8.99", "15.99"), ("CAULK WHITE 10OZ", "4.49", "7.99"), ("PVC ELBOW 1/2IN", "0.79", "1.49"),
    ]),
    "cafe": (["BLUE DOOR COFFEE", "THE DAILY GRIND", "MORNING RITUAL CAFE", "COPPER KETTLE BAKERY"], [
        ("LATTE 16OZ", "4.75", "5.95"), ("CAPPUCCINO 12OZ", "4.25", "5.25"), ("DRIP COFFEE LG", "2.95", "3.75"),
        ("CHAI LATTE 16OZ", "4.95", "5.95"), ("BLUEBERRY MUFFIN", "3.25", "3.95"), ("CROISSANT BUTTER", "3.50", "4.25"),
        ("AVOCADO TOAST", "8.95", "11.50"), ("BAGEL CREAM CHEESE", "3.95", "4.95"), ("OAT MILK ADD", "0.75", "0.95"),
        ("COLD BREW 16OZ", "4.50", "5.50"), ("BREAKFAST BURRITO", "8.50", "10.95"),
    ]),
}
