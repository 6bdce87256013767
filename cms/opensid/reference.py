"""OpenSID's reference codes and their labels, as OpenSID v2410.0.0 seeds
them (github.com/OpenSID/OpenSID, tag v2410.0.0, commit 4b3d56778,
donjo-app/models/seeders/Data_awal_seeder.php: the tables tweb_penduduk_sex,
tweb_penduduk_agama, tweb_penduduk_pendidikan_kk, tweb_penduduk_pekerjaan,
tweb_penduduk_kawin and tweb_status_dasar). The labels are OpenSID's own,
copied verbatim, so that a desa reads the same words as in OpenSID.

The seeder, not app/Enums/PendidikanKKEnum.php: that enum labels 9 and 10
"DIPLOMA IV/ STRATA I" too (a copy slip), while the table OpenSID reads says
STRATA II and STRATA III.
"""

# jenis_kelamin: tweb_penduduk_sex
SEX = {
    1: "LAKI-LAKI",
    2: "PEREMPUAN",
}

# agama: tweb_penduduk_agama
RELIGION = {
    1: "ISLAM",
    2: "KRISTEN",
    3: "KATHOLIK",
    4: "HINDU",
    5: "BUDHA",
    6: "KHONGHUCU",
    7: "Kepercayaan Terhadap Tuhan YME / Lainnya",
}

# pendidikan_dlm_kk (education as written on the KK): tweb_penduduk_pendidikan_kk
EDUCATION = {
    1: "TIDAK / BELUM SEKOLAH",
    2: "BELUM TAMAT SD/SEDERAJAT",
    3: "TAMAT SD / SEDERAJAT",
    4: "SLTP/SEDERAJAT",
    5: "SLTA / SEDERAJAT",
    6: "DIPLOMA I / II",
    7: "AKADEMI/ DIPLOMA III/S. MUDA",
    8: "DIPLOMA IV/ STRATA I",
    9: "STRATA II",
    10: "STRATA III",
}

# pekerjaan: tweb_penduduk_pekerjaan
OCCUPATION = {
    1: "BELUM/TIDAK BEKERJA",
    2: "MENGURUS RUMAH TANGGA",
    3: "PELAJAR/MAHASISWA",
    4: "PENSIUNAN",
    5: "PEGAWAI NEGERI SIPIL (PNS)",
    6: "TENTARA NASIONAL INDONESIA (TNI)",
    7: "KEPOLISIAN RI (POLRI)",
    8: "PERDAGANGAN",
    9: "PETANI/PEKEBUN",
    10: "PETERNAK",
    11: "NELAYAN/PERIKANAN",
    12: "INDUSTRI",
    13: "KONSTRUKSI",
    14: "TRANSPORTASI",
    15: "KARYAWAN SWASTA",
    16: "KARYAWAN BUMN",
    17: "KARYAWAN BUMD",
    18: "KARYAWAN HONORER",
    19: "BURUH HARIAN LEPAS",
    20: "BURUH TANI/PERKEBUNAN",
    21: "BURUH NELAYAN/PERIKANAN",
    22: "BURUH PETERNAKAN",
    23: "PEMBANTU RUMAH TANGGA",
    24: "TUKANG CUKUR",
    25: "TUKANG LISTRIK",
    26: "TUKANG BATU",
    27: "TUKANG KAYU",
    28: "TUKANG SOL SEPATU",
    29: "TUKANG LAS/PANDAI BESI",
    30: "TUKANG JAHIT",
    31: "TUKANG GIGI",
    32: "PENATA RIAS",
    33: "PENATA BUSANA",
    34: "PENATA RAMBUT",
    35: "MEKANIK",
    36: "SENIMAN",
    37: "TABIB",
    38: "PARAJI",
    39: "PERANCANG BUSANA",
    40: "PENTERJEMAH",
    41: "IMAM MASJID",
    42: "PENDETA",
    43: "PASTOR",
    44: "WARTAWAN",
    45: "USTADZ/MUBALIGH",
    46: "JURU MASAK",
    47: "PROMOTOR ACARA",
    48: "ANGGOTA DPR-RI",
    49: "ANGGOTA DPD",
    50: "ANGGOTA BPK",
    51: "PRESIDEN",
    52: "WAKIL PRESIDEN",
    53: "ANGGOTA MAHKAMAH KONSTITUSI",
    54: "ANGGOTA KABINET KEMENTERIAN",
    55: "DUTA BESAR",
    56: "GUBERNUR",
    57: "WAKIL GUBERNUR",
    58: "BUPATI",
    59: "WAKIL BUPATI",
    60: "WALIKOTA",
    61: "WAKIL WALIKOTA",
    62: "ANGGOTA DPRD PROVINSI",
    63: "ANGGOTA DPRD KABUPATEN/KOTA",
    64: "DOSEN",
    65: "GURU",
    66: "PILOT",
    67: "PENGACARA",
    68: "NOTARIS",
    69: "ARSITEK",
    70: "AKUNTAN",
    71: "KONSULTAN",
    72: "DOKTER",
    73: "BIDAN",
    74: "PERAWAT",
    75: "APOTEKER",
    76: "PSIKIATER/PSIKOLOG",
    77: "PENYIAR TELEVISI",
    78: "PENYIAR RADIO",
    79: "PELAUT",
    80: "PENELITI",
    81: "SOPIR",
    82: "PIALANG",
    83: "PARANORMAL",
    84: "PEDAGANG",
    85: "PERANGKAT DESA",
    86: "KEPALA DESA",
    87: "BIARAWATI",
    88: "WIRASWASTA",
    89: "LAINNYA",
}

# kawin: tweb_penduduk_kawin
MARITAL_STATUS = {
    1: "BELUM KAWIN",
    2: "KAWIN",
    3: "CERAI HIDUP",
    4: "CERAI MATI",
}

# status_dasar: tweb_status_dasar
STATUS = {
    1: "HIDUP",
    2: "MATI",
    3: "PINDAH",
    4: "HILANG",
    6: "PERGI",
    9: "TIDAK VALID",
}

ALIVE = 1  # status_dasar HIDUP
HEAD_OF_FAMILY = 1  # hubungan_keluarga KEPALA KELUARGA (tweb_penduduk_hubungan)
