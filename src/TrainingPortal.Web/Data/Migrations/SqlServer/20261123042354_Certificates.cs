using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingPortal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Certificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Certificates_EnrollmentId",
                table: "Certificates");

            migrationBuilder.AddColumn<string>(
                name: "ApprovedById",
                table: "Enrollments",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ApprovedUtc",
                table: "Enrollments",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "AwardedOn",
                table: "Certificates",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Code",
                table: "Certificates",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CurrentVersion",
                table: "Certificates",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ExpiresOn",
                table: "Certificates",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IssuedById",
                table: "Certificates",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "IssuedUtc",
                table: "Certificates",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevocationReason",
                table: "Certificates",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevokedById",
                table: "Certificates",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RevokedUtc",
                table: "Certificates",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RuleSetId",
                table: "Certificates",
                type: "nvarchar(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidThrough",
                table: "Certificates",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PersonId",
                table: "AuditLog",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "City",
                table: "AspNetUsers",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ListedOnRoster",
                table: "AspNetUsers",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "State",
                table: "AspNetUsers",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CertificateVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CertificateId = table.Column<int>(type: "int", nullable: false),
                    Number = table.Column<int>(type: "int", nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    IssuedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    IssuedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    RecipientName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    CredentialTitle = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ProgramTitle = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RuleSetId = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: false),
                    AwardedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Hours = table.Column<decimal>(type: "decimal(7,2)", precision: 7, scale: 2, nullable: true),
                    ContinuingEducationHours = table.Column<decimal>(type: "decimal(7,2)", precision: 7, scale: 2, nullable: true),
                    IssuerName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    SignatoryName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    SignatoryTitle = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    VerificationUrl = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    Pdf = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    PdfSha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CredentialJwt = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CertificateVersions_Certificates_CertificateId",
                        column: x => x.CertificateId,
                        principalTable: "Certificates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CredentialSigningKeys",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Algorithm = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    PublicJwk = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    ProtectedPrivateKey = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RetiredUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    WithdrawnUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CredentialSigningKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EnrollmentStandings",
                columns: table => new
                {
                    EnrollmentId = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    MetCount = table.Column<int>(type: "int", nullable: false),
                    BlockingCount = table.Column<int>(type: "int", nullable: false),
                    Summary = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    EvaluatedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EvaluatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Stale = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnrollmentStandings", x => x.EnrollmentId);
                    table.ForeignKey(
                        name: "FK_EnrollmentStandings_Enrollments_EnrollmentId",
                        column: x => x.EnrollmentId,
                        principalTable: "Enrollments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_Code",
                table: "Certificates",
                column: "Code",
                unique: true,
                filter: "Code IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_EnrollmentId",
                table: "Certificates",
                column: "EnrollmentId",
                unique: true,
                filter: "EnrollmentId IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_PersonId",
                table: "AuditLog",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_ListedOnRoster",
                table: "AspNetUsers",
                column: "ListedOnRoster");

            migrationBuilder.CreateIndex(
                name: "IX_CertificateVersions_CertificateId_Number",
                table: "CertificateVersions",
                columns: new[] { "CertificateId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EnrollmentStandings_Stale_EvaluatedOn",
                table: "EnrollmentStandings",
                columns: new[] { "Stale", "EvaluatedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_EnrollmentStandings_Status",
                table: "EnrollmentStandings",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CertificateVersions");

            migrationBuilder.DropTable(
                name: "CredentialSigningKeys");

            migrationBuilder.DropTable(
                name: "EnrollmentStandings");

            migrationBuilder.DropIndex(
                name: "IX_Certificates_Code",
                table: "Certificates");

            migrationBuilder.DropIndex(
                name: "IX_Certificates_EnrollmentId",
                table: "Certificates");

            migrationBuilder.DropIndex(
                name: "IX_AuditLog_PersonId",
                table: "AuditLog");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_ListedOnRoster",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ApprovedById",
                table: "Enrollments");

            migrationBuilder.DropColumn(
                name: "ApprovedUtc",
                table: "Enrollments");

            migrationBuilder.DropColumn(
                name: "AwardedOn",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "Code",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "CurrentVersion",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "ExpiresOn",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "IssuedById",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "IssuedUtc",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "RevocationReason",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "RevokedById",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "RevokedUtc",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "RuleSetId",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "ValidThrough",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "PersonId",
                table: "AuditLog");

            migrationBuilder.DropColumn(
                name: "City",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ListedOnRoster",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "State",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_EnrollmentId",
                table: "Certificates",
                column: "EnrollmentId");
        }
    }
}
