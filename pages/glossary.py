"""Begreber: every counting rule and definition, in plain Danish."""

import streamlit as st

from advisor import ui

ui.page("Begreber")
st.markdown(
    """
**Registrering (henvendelse).** Hver gang en borger kontakter borgerrådgiveren, registreres det
som én henvendelse med et løbenummer. En borger kan henvende sig mange gange; tallene skelner
derfor mellem *registreringer* og *borgere*.

**Borgere.** Forskellige borgere i perioden. Hver borger tælles én gang, uanset hvor mange
henvendelser borgeren har haft. Borgere genkendes på et pseudonym: CPR-numre gemmes aldrig.

**Nye borgere pr. måned.** En borger tælles som ny i den måned, hvor borgeren henvender sig første
gang i kalenderåret – sådan som årsberetningerne tæller. Summen over årets måneder er årets
antal borgere. Overblikkets tal er periodens borgere delt med periodens måneder.

**Gennemsnit pr. måned.** Gennemsnit over de måneder, kontoret har været åbent. Kontoret åbnede i
maj 2014, så 2014's gennemsnit er 258 / 8 = 32,25.

**"1. gang" og "alle henvendelser".** Fordelingen på forvaltninger kan tælles på to måder, som i
beretningerne: *1. gang* tæller hver borgers første henvendelse blandt dem, periode og filtre vælger
(hver borger én gang, under den forvaltning og afdeling den første henvendelse handlede om); *alle
henvendelser* tæller hver registrering. Med en forvaltning eller afdeling valgt er *1. gang* altså
borgerens første henvendelse om den i perioden – også når borgeren før har henvendt sig om noget andet.

**Rækkefølge.** Registreringerne ordnes efter modtagelsesdato og, samme dag, efter tallene i
løbenummeret læst som tal (T-99 før T-100; 007 er det samme som 7), derefter løbenummeret som tekst.
Borgerens første henvendelse er den første i denne rækkefølge.

**Egentlige henvendelser.** Alle henvendelser undtagen dem, der ligger *uden for borgerrådgiverens
kompetence*. Slå **Kun egentlige henvendelser** til i filtrene for at se dem alene. Dialogmødet og
materialet til det tæller egentlige henvendelser, som beretningernes andele gør.

**Som registreret / som organiseret i dag.** *Som registreret* tæller hver henvendelse under den
forvaltning, den hørte til, da den blev registreret. *Som organiseret i dag* tæller hver afdeling
under den forvaltning, den hører til i dag. Familierådgivningen flyttede 1. januar 2019 fra Børn &
Kultur til Borger & Arbejdsmarked; som organiseret i dag tælles den under Borger & Arbejdsmarked
også før 2019, så perioder kan sammenlignes på tværs af flytningen.

**Ventetid.** Dage fra modtagelse til første svar og til møde, i kalenderdage, for registreringer
modtaget i perioden. *Median*: halvdelen ventede kortere, halvdelen længere. *90 %*: ni ud af ti
ventede højst så mange dage. *Besvarede inden N arbejdsdage*: andelen af de besvarede registreringer,
der fik første svar inden for N arbejdsdage; registreringer uden svar endnu tæller ikke med.
*Registreringer med møde*: registreringer modtaget i perioden, hvor der er holdt et møde – også når
mødet lå efter periodens udgang.

**Arbejdsdage.** Mandag til fredag undtagen helligdage (de danske helligdage). Målet for første
svar tælles i arbejdsdage efter modtagelsesdagen; et svar samme dag er 0 arbejdsdage.

**Åbne registreringer.** Registreringer modtaget senest ved månedens udgang og endnu ikke afsluttet.

**Gentagne henvendelser.** Borgere med to eller flere henvendelser i perioden. *Forløbets længde*
er tiden fra borgerens første henvendelse i perioden til den seneste henvendelse eller afslutning.

**Sagsbehandlerskift.** Siden efteråret 2017 spørges hver borger, der kommer til en samtale, hvor
mange gange sagsbehandleren er skiftet de seneste 12 måneder. *Spurgt*: borgere, hvor antallet er
registreret. *Gener ved skift*: borgere, der har fortalt om gener ved et skift – også borgere, der
fortalte det uden at blive spurgt. Derfor kan *med gener* være større end *spurgt*.

**Sammenligning.** Overblikket og Ventetider sammenligner med den forrige tilsvarende periode:
forrige år, halvår, kvartal eller måned, eller lige så mange dage lige før en valgt datoperiode. Er
perioden ikke slut ved den seneste registrering, vises den til og med den dag og sammenlignes med de
samme dage før ("1. jan.–14. nov. 2019 mod samme periode 2018"), så et år, der ikke er omme, ikke ser
ud til at falde. Et fald vises med en pil ned; grøn betyder en forbedring (fx kortere ventetid), rød en
forværring, og grå, at et tal hverken er bedre eller dårligere af at stige.

**Tal og tegn.** Tal skrives på dansk (1.234,5), og minus skrives med bindestreg (-17). Andele
afrundes fra den nøjagtige brøk, halve op (23 af 40 er 58 %). Ændringer af andele vises i
procentpoint (pct.-point), ændringer af antal og ventetider med procent i parentes.

**År for år.** Tabellerne over alle år (Månedlig belastning og Gentagne henvendelsers *År for år*)
viser alle år; periodefilteret gælder ikke for dem, de øvrige filtre gør.

**Små tal (diskretionering).** Ledere og sekretariatet ser aldrig et antal borgere eller
henvendelser mellem 1 og 4, og heller ikke et tal, det kan regnes ud fra. Alle skjulte tal står som
"·" (skjult af hensyn til borgernes anonymitet) – samme tegn, uanset hvorfor tallet er skjult.
Reglerne, og det de forhindrer:
- *Et lille tal* (1–4) skjules.
- *En total minus de viste tal*: i hver række, kolonne, forvaltning og hvert år med et skjult tal
  skjules mindst ét tal mere, så de skjulte tilsammen er mindst 5; nuller ved siden af skjulte tal
  skjules også, ellers ville "I alt 7" over syv skjulte måneder vise, at hver er 1.
- *Tal, der afgrænser hinanden*: "1. gang" er højst "alle henvendelser", og "spurgt" og "med gener"
  er dele af "borgere"; skjules det ene i en række, skjules de andre også.
- *Andele*: en andel skjules, når tælleren eller resten (nævneren minus tælleren) er lille – "44
  borgere, 7 % kom igen" ville ellers give 3. Medianer og 90 %-tal over færre end 5 borgere skjules.
- *To filtervalg trukket fra hinanden*: et tal for et filter skjules, hvis forskellen til samme tal
  uden filtrene er lille – i tal, tabeller og diagrammer. Ledere vælger én afdeling eller alle, så
  "alle afdelinger" minus "de syv andre" ikke giver den ottende.
- *To datoperioder trukket fra hinanden*: for ledere og sekretariatet går en valgt datoperiode altid
  over hele måneder, så to perioder ikke kan give én dags tal.
Eksport følger samme regler. Borgerrådgiveren ser alle tal.

**Dialogmøde.** Siden viser en forvaltnings halvår afdeling for afdeling, mod forrige halvår og samme
halvår året før. Et tal er en *bevægelse*, når det har flyttet sig mindst 30 % mod et af de to halvår, og
begge tal i den sammenligning bygger på mindst 5 borgere (antal skal også selv være mindst 5; ventetider
skal også have flyttet sig mindst 2 dage). Andele vises, men bliver ikke til punkter.
Bevægelserne vægtes: den relative ændring mod forrige halvår plus den mod samme halvår året før (hver
kun hvor sammenligningen er tilladt), gange kvadratroden af antallet af borgere tallet bygger på nu (for
et emne: dets registreringer). En stor ændring for mange borgere kommer før en stor ændring for få. En
afdelings registreringer og borgere følges ad, så kun den tungeste af de to tæller. De fem tungeste er
*Punkter til drøftelse*; resten står under *Øvrige bevægelser*.
*Opfølgning på aftaler*: borgerrådgiveren registrerer mødets aftaler (hvad, hvilken afdeling, hvilket
tal den skal flytte, hvornår der følges op, og status). Ved næste møde vises hver aftale med tallet i det
halvår, den blev aftalt om, og tallet nu – med reglen for små tal. Aftaleteksten må ikke nævne borgere
eller medarbejdere: navne, CPR-numre, e-mailadresser og telefonnumre afvises.
Materialet til mødet (PDF, PowerPoint, Excel) viser de samme tal, altid med reglen for små tal.

**Beretning.** Siden Beretning (kun borgerrådgiveren) og `python -m advisor report` skriver et udkast
til statistikken i årsberetningen: tekst, årstabel, fordeling på forvaltninger (1. gang, forvaltninger som
registreret i året), henvendelsestyper (alle henvendelser), sagsbehandlerskift, ventetider og årets
dialogmøder. Tal i teksten skrives som beretningerne gør: et tal lige under et helt tal er *knap* (33,8 →
knap 34), lige over er *godt* (34,2 → godt 34), et helt tal står som det er, og en andel er *ca.* (25,1 % →
ca. 25 %). Tabellerne har de præcise tal. Beretningen er offentlig, så reglen for små tal gælder altid.

**Demodata.** Demodatabasen er syntetisk. Registreringer pr. måned 2014–2018 er præcis de
offentliggjorte; borgere, gentagne henvendelser og fordelingen på forvaltninger er kalibreret til
beretningerne. 2019 er opdigtet for at vise omorganiseringen.
"""
)
