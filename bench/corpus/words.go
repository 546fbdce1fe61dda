package corpus

import "strings"

// vocab is the pseudo-language one variant is written in: real words of
// the language drawn at random, so that the text has the letters, word
// lengths and punctuation of the language without meaning anything.
type vocab struct {
	function []string // short, frequent words
	content  []string // nouns, verbs, adjectives
	heading  []string // words for headings and titles
	listLead []string // openings of list items ("Do not sign", ...)
	quote    [2]string
	question [2]string // opening and closing marks of a question
	exclaim  [2]string
	more     string // link text for "read more"
}

func fields(s string) []string { return strings.Fields(s) }

// vocabs are the three languages of the corpus. The lists are written for
// this generator; they include é è à ç ñ and the inverted marks ¿ ¡.
var vocabs = map[string]*vocab{
	"en": {
		function: fields(`the the the of of and and to to a a in in is that for it on with as we
			our are be by this not at from or they their you all will have has but who can more
			than when what every each no one our us so if there its was were been`),
		content: fields(`rent rise tenants landlord building repairs heating damp mould letter
			meeting neighbours workers warehouse strike picket wage hours contract union branch
			council housing estate block flat family children school bus route hospital nurse
			shift manager company profit money fund solidarity support organise refuse demand
			negotiate vote ballot turnout leaflet bulletin pamphlet assembly committee delegate
			campaign victory defeat eviction notice court hearing lawyer advice café kitchen
			winter summer morning evening weekend month year decade city street square station
			market bakery cleaner driver carer teacher porter cook loader picker packer
			together quietly loudly openly fairly safely cheaper higher lower longer shorter
			new old cold warm broken empty crowded public private local national international
			write read speak listen march gather collect share print translate deliver answer
			agreement claim deposit arrears bill benefit pension overtime sick pay holiday`),
		heading: fields(`Rent Wages Strike Tenants Workers Solidarity Meeting Repairs Housing
			Victory Assembly Picket Fund Report Winter Summer Eviction Bus Hospital Schools
			Demands Answer Letter Campaign Union Warehouse Estate Council Court News`),
		listLead: []string{"Do not sign", "Keep the letter", "Talk to your neighbours", "Come to the meeting",
			"Write it down", "Take photos", "Bring a friend", "Ask for a receipt", "Join the union",
			"Call the hotline", "Read the contract", "Share this leaflet"},
		quote:    [2]string{`"`, `"`},
		question: [2]string{"", "?"},
		exclaim:  [2]string{"", "!"},
		more:     "see also",
	},
	"fr": {
		function: fields(`le la les les de de des du et et à à un une en en dans que qui pour
			sur par au aux avec ne pas plus nous nous vous ils elles leur leurs est sont a ont
			ce cette ces chaque tout tous toutes mais ou où quand comme sans très aussi déjà`),
		content: fields(`loyer hausse locataires propriétaire immeuble réparations chauffage
			humidité moisissure lettre réunion voisins travailleurs entrepôt grève piquet salaire
			heures contrat syndicat section mairie logement cité bloc appartement famille enfants
			école ligne hôpital infirmière équipe direction entreprise bénéfice argent caisse
			solidarité soutien organiser refuser exiger négocier vote scrutin participation tract
			bulletin brochure assemblée comité déléguée campagne victoire défaite expulsion avis
			tribunal audience avocate conseil café cuisine hiver été matin soirée week-end mois
			année décennie ville rue place gare marché boulangerie agente chauffeur aide-soignante
			enseignant gardien cuisinier manutentionnaire préparatrice ensemble tranquillement
			fort ouvertement équitablement nouveau vieux froid chaud cassé vide bondé public privé
			local national international écrire lire parler écouter manifester réunir collecter
			partager imprimer traduire distribuer répondre accord réclamation caution impayés
			facture allocation retraite heures supplémentaires congé maladie fenêtre ascenseur
			été élève crèche reçu façade garçon leçon français reçue déçu`),
		heading: fields(`Loyers Salaires Grève Locataires Travailleurs Solidarité Réunion
			Réparations Logement Victoire Assemblée Piquet Caisse Compte-rendu Hiver Été
			Expulsion Hôpital Écoles Revendications Réponse Lettre Campagne Syndicat Entrepôt
			Cité Mairie Tribunal Nouvelles`),
		listLead: []string{"Ne signez rien", "Gardez la lettre", "Parlez à vos voisins",
			"Venez à la réunion", "Notez tout", "Prenez des photos", "Venez accompagné·e",
			"Demandez un reçu", "Rejoignez le syndicat", "Appelez la permanence",
			"Lisez le contrat", "Faites circuler ce tract"},
		quote:    [2]string{`"`, `"`},
		question: [2]string{"", " ?"},
		exclaim:  [2]string{"", " !"},
		more:     "voir aussi",
	},
	"es": {
		function: fields(`el la los las de de del y y a a un una en en que que por para con
			sin no más nosotros nosotras su sus es son ha han este esta estos cada todo todos
			pero o cuando como muy también ya al lo se nos`),
		content: fields(`alquiler subida inquilinas propietario edificio reparaciones calefacción
			humedad moho carta reunión vecinos trabajadoras almacén huelga piquete salario horas
			contrato sindicato sección ayuntamiento vivienda barrio bloque piso familia niños
			escuela línea hospital enfermera turno dirección empresa beneficio dinero caja
			solidaridad apoyo organizar rechazar exigir negociar votación participación octavilla
			boletín folleto asamblea comité delegada campaña victoria derrota desahucio aviso
			juzgado audiencia abogada asesoría café cocina invierno verano mañana tarde semana mes
			año década ciudad calle plaza estación mercado panadería limpiadora conductor cuidadora
			maestro portero cocinero mozo juntos juntas tranquilamente abiertamente justo nuevo
			viejo frío caliente roto vacío lleno público privado local nacional internacional
			escribir leer hablar escuchar marchar reunir recoger compartir imprimir traducir
			repartir responder acuerdo reclamación fianza deuda factura subsidio pensión extras
			baja vacaciones ventana ascensor niña pequeño compañera señal año mañana España`),
		heading: fields(`Alquileres Salarios Huelga Inquilinas Trabajadoras Solidaridad Reunión
			Reparaciones Vivienda Victoria Asamblea Piquete Caja Crónica Invierno Verano
			Desahucio Hospital Escuelas Reivindicaciones Respuesta Carta Campaña Sindicato
			Almacén Barrio Ayuntamiento Juzgado Noticias`),
		listLead: []string{"No firmes nada", "Guarda la carta", "Habla con tus vecinas",
			"Ven a la reunión", "Apúntalo todo", "Haz fotos", "Trae a alguien",
			"Pide un recibo", "Afíliate al sindicato", "Llama a la línea de ayuda",
			"Lee el contrato", "Comparte esta octavilla"},
		quote:    [2]string{`"`, `"`},
		question: [2]string{"¿", "?"},
		exclaim:  [2]string{"¡", "!"},
		more:     "véase también",
	},
}

// places are proper nouns dropped into the text of every language; they
// carry the letters beyond Latin-1 (ş ğ ı ł ż ń ő ř) that a real archive of
// international solidarity work has.
var places = []string{
	"Kadıköy", "Şişli", "Ağrı", "Eskişehir", "Muğla", "Iğdır", "Łódź", "Gdańsk",
	"Żoliborz", "Łomża", "Kożuchów", "Białystok", "Wrocław", "Kraków", "Besançon", "Alcalá", "Logroño",
	"A Coruña", "Göteborg", "Brno-Žabovřesky", "Timişoara", "Braşov", "Győr", "Debrecen",
	"Kellingford", "Eastgate", "Marsh Lane", "Pelham Court", "Querétaro", "Ciudad Juárez",
}

// people are first names and surnames from several countries, for quotes
// and event speakers.
var people = []string{
	"Ayşe Yılmaz", "Mehmet Doğan", "Özlem Çelik", "Łukasz Wójcik", "Małgorzata Żak",
	"Agnieszka Król", "Élodie Marchand", "Françoise Lefèvre", "Jérôme Besançon",
	"Begoña Ibáñez", "Íñigo Muñoz", "Nuria Castañeda", "Siobhán O'Connor", "Kwame Mensah",
	"Nguyễn Thị Lan", "Dorota Kępińska", "Jiří Dvořák", "Ioana Ştefănescu", "Chidi Okafor",
	"Priya Raghunathan", "Tomás Ó Briain", "Zoë Mitchell", "Renée Duval", "Raúl Peña",
}

// signatoryKinds are organisation names by country: %s is a city.
var signatoryKinds = []struct {
	pattern, country string
	cities           []string
}{
	{"%s Tenants' Union", "United Kingdom", []string{"Kellingford", "Leeds", "Glasgow", "Cardiff", "Belfast"}},
	{"Allied Warehouse Workers, %s branch", "United Kingdom", []string{"Kellingford", "Daventry", "Doncaster"}},
	{"Collectif des locataires de %s", "France", []string{"Besançon", "Saint-Étienne", "Nîmes", "Créteil"}},
	{"Réseau d'entraide des travailleurs de %s", "France", []string{"Lille", "Angoulême", "Orléans"}},
	{"Sindicato de Inquilinas de %s", "España", []string{"Logroño", "Alcalá", "Cádiz", "A Coruña", "Málaga"}},
	{"Colectivo Almacén Digno, %s", "España", []string{"Zaragoza", "Getafe", "Córdoba"}},
	{"%s Kiracılar Dayanışma Derneği", "Türkiye", []string{"Kadıköy", "Şişli", "Eskişehir", "Muğla", "Iğdır"}},
	{"Depo İşçileri Sendikası, %s şubesi", "Türkiye", []string{"Gebze", "Tuzla", "Çorlu"}},
	{"Inicjatywa Lokatorska %s", "Polska", []string{"Łódź", "Gdańsk", "Żyrardów", "Białystok", "Wrocław"}},
	{"Związek Pracowników Magazynów, %s", "Polska", []string{"Poznań", "Kraków", "Łęczyca"}},
	{"Spolek nájemníků %s", "Česko", []string{"Žižkov", "Brno-Žabovřesky", "Plzeň"}},
	{"Σωματείο Εργαζομένων Αποθηκών %s", "Ελλάδα", []string{"Ασπροπύργου", "Θεσσαλονίκης"}},
	{"Solidaritätsnetz Lagerarbeit %s", "Deutschland", []string{"Leipzig", "München", "Köln", "Düsseldorf"}},
	{"Coordinamento Magazzinieri di %s", "Italia", []string{"Piacenza", "Bologna", "Forlì"}},
	{"Asociaţia Chiriaşilor din %s", "România", []string{"Timişoara", "Braşov", "Iaşi"}},
	{"Frente de Trabajadoras de %s", "México", []string{"Querétaro", "Ciudad Juárez", "Mérida"}},
}

// tagVocab is the small set of topics items are tagged with; "café" has a
// non-ASCII letter, so its tag page's folder name does too.
var tagVocab = []string{
	"rent", "housing", "repairs", "evictions", "strike", "wages", "warehouses",
	"meeting", "internationalism", "solidarity-fund", "transport", "schools",
	"health", "care-work", "migrants", "pensions", "energy", "café", "council", "union",
}

// venues are where events take place.
var venues = []struct{ name, address string }{
	{"Holloway Street Community Hall", "14 Holloway Street, Eastgate, Kellingford KF2 3LT"},
	{"The Old Library", "3 Corn Exchange Street, Kellingford KF1 1BX"},
	{"Pelham Court community room", "Block B, Pelham Court, Kellingford KF3 9QA"},
	{"Salle Jean-Jaurès", "12 rue de la République, 25000 Besançon"},
	{"Ateneo Popular de Logroño", "Calle Mayor 41, 26001 Logroño"},
	{"Kadıköy Halkevi", "Caferağa Mah. Moda Cad. 18, Kadıköy, İstanbul"},
	{"Dom Kultury Żoliborz", "ul. Krasińskiego 8, 01-615 Warszawa"},
}
